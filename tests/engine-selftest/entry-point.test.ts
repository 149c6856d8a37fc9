// Which entry point the engine hands to cmd/run for a program folder.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveEntryPoint } from "../engine/entry-point";

let folder: string;

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "engine-entry-"));
});

afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function write(file: string, text = ""): void {
  fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
  fs.writeFileSync(path.join(folder, file), text);
}

test("Pulumi.yaml main wins", () => {
  write("Pulumi.yaml", 'name: "my-project"\nruntime:\n  name: nodejs\nmain: src/\n');
  write("package.json", JSON.stringify({ main: "index.js" }));
  write("src/index.ts");

  const entry = resolveEntryPoint(folder);
  expect(entry.program).toBe(path.join(folder, "src"));
  expect(entry.typeScript).toBe(true);
  expect(entry.projectName).toBe("my-project");
});

test("package.json is left to cmd/run", () => {
  write("package.json", JSON.stringify({ main: "bin/index.js" }));

  const entry = resolveEntryPoint(folder);
  expect(entry.program).toBe(".");
  expect(entry.typeScript).toBe(false);
  expect(entry.projectName).toBeUndefined();
});

test("package.json main in TypeScript", () => {
  write("package.json", JSON.stringify({ main: "main.ts" }));

  expect(resolveEntryPoint(folder).typeScript).toBe(true);
});

test("bare folder is passed explicitly", () => {
  write("index.ts");

  const entry = resolveEntryPoint(folder);
  expect(entry.program).toBe(folder);
  expect(entry.typeScript).toBe(true);
});

test("index.js beats index.ts", () => {
  write("index.ts");
  write("index.js");

  expect(resolveEntryPoint(folder).typeScript).toBe(false);
});
