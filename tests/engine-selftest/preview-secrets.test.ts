// Real runs of the test engine: preview with unknown inputs, secret handling, and a TypeScript
// program.
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEngine } from "../engine";
import { Fixture, urnOf } from "./fixture";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const TOKEN = "tok-SECRET-4711";

let fixture: Fixture;

beforeEach(() => {
  fixture = new Fixture();
});

afterEach(() => {
  fixture.remove();
});

test("preview with unknown input never creates", async () => {
  const result = await fixture
    .engine([
      { name: "a", value: "one" },
      { name: "b", value: "two", refersTo: "a" },
    ])
    .preview();
  expect(result.error).toBeUndefined();
  expect(result.steps.filter((s) => s.urn.includes("dynamic")).map((s) => s.op)).toEqual([
    "create",
    "create",
  ]);
  expect(fixture.allOperations()).toContain(`check b two ref=${UNKNOWN}`);
  expect(fixture.operations()).toEqual([]);
  expect(fs.existsSync(fixture.stateFile)).toBe(false);
});

test("preview plans update and delete", async () => {
  await fixture
    .engine([
      { name: "a", value: "one" },
      { name: "b", value: "two" },
    ])
    .up();
  fixture.clearOperations();

  const result = await fixture.engine([{ name: "a", value: "changed" }]).preview();
  expect(result.ok).toBe(true);
  expect(result.steps).toContainEqual({ urn: urnOf("a"), op: "update" });
  expect(result.steps).toContainEqual({ urn: urnOf("b"), op: "delete" });
  expect(fixture.operations()).toEqual([]);
  expect(
    fixture
      .engine([])
      .state()
      .resources.find((r) => r.urn === urnOf("a"))?.inputs.value,
  ).toBe("one");
});

test("secret config stays out of state and log", async () => {
  const sinkLines: string[] = [];
  const engine = fixture.engine([{ name: "a", value: "one", withToken: true }], {
    secretConfig: { "selftest:token": TOKEN },
    log: (line) => sinkLines.push(line),
  });
  const result = await engine.up();
  expect(result.error).toBeUndefined();

  expect(fixture.allOperations()).toContain(`configure token-length=${TOKEN.length}`);
  expect(fs.readFileSync(fixture.stateFile, "utf8")).not.toContain(TOKEN);
  const stored = engine.state().resources.find((r) => r.urn === urnOf("a"));
  expect(stored?.inputs.token).toHaveProperty(SECRET_SIG_KEY);
  expect(stored?.outputs.token).toHaveProperty(SECRET_SIG_KEY);
  expect(stored?.secretOutputKeys).toEqual(["token"]);

  const summary = result.resources.find((r) => r.urn === urnOf("a"));
  expect(summary?.outputs.token).toBe(TOKEN);
  expect(summary?.secretKeys).toEqual(["token"]);
  expect(result.log).toContain("[plugin] create received token [secret]");
  expect(result.log.join("\n")).not.toContain(TOKEN);
  expect(sinkLines.join("\n")).not.toContain(TOKEN);

  const again = await engine.up();
  expect(again.steps).toContainEqual({ urn: urnOf("a"), op: "same" });
  expect(again.resources.find((r) => r.urn === urnOf("a"))?.secretKeys).toEqual(["token"]);
});

test("typescript program runs", async () => {
  const programDir = path.join(fixture.root, "ts-program");
  fs.mkdirSync(programDir);
  fs.symlinkSync(
    path.resolve(__dirname, "..", "..", "node_modules"),
    path.join(programDir, "node_modules"),
  );
  fs.writeFileSync(
    path.join(programDir, "index.ts"),
    [
      'import * as pulumi from "@pulumi/pulumi";',
      "const provider: pulumi.dynamic.ResourceProvider = {",
      "  async create(inputs: { size: number }) {",
      "    return { id: `ts-${inputs.size}`, outs: { size: inputs.size, doubled: inputs.size * 2 } };",
      "  },",
      "};",
      'const thing = new pulumi.dynamic.Resource(provider, "thing", { size: 21 });',
      "export const thingId: pulumi.Output<string> = thing.id;",
      "",
    ].join("\n"),
  );
  const engine = new TestEngine({
    programDir,
    stateFile: path.join(fixture.root, "ts-state.json"),
  });
  const result = await engine.up();
  expect(result.error).toBeUndefined();
  expect(result.outputs).toEqual({ thingId: "ts-21" });
  expect(result.resources.find((r) => r.name === "thing")?.outputs.doubled).toBe(42);
});
