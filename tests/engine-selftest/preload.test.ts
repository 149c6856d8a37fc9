// The script the engine preloads into the program and plugin processes, run in real child processes.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { WATCH_STDIN_ENV, writePreload } from "../engine/preload";

let directory: string;
let nodeOptions: string;

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "engine-preload-"));
  nodeOptions = writePreload(directory);
});

afterEach(() => {
  fs.rmSync(directory, { recursive: true, force: true });
});

function runNode(script: string, env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ["-e", script], {
    env: { ...process.env, NODE_OPTIONS: nodeOptions, ...env },
    encoding: "utf8",
  }).trim();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("error inspection drops colours", () => {
  const script = `const util = require("util");
    const error = util.inspect(new Error("boom"), { colors: true });
    const number = util.inspect(42, { colors: true });
    console.log(JSON.stringify({ error: error.includes("\\u001b["), number: number.includes("\\u001b[") }));`;
  const colours = JSON.parse(runNode(script)) as { error: boolean; number: boolean };
  expect(colours.error).toBe(false);
  expect(colours.number).toBe(true);
});

test("watch variable is not inherited", () => {
  const output = runNode(`console.log(String(process.env.${WATCH_STDIN_ENV}))`, {
    [WATCH_STDIN_ENV]: "1",
  });
  expect(output).toBe("undefined");
});

test("child exits when its parent dies", async () => {
  // The parent keeps the write end of the child's stdin, as the engine does, then is killed.
  const parentScript = `const { spawn } = require("child_process");
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      stdio: ["pipe", "ignore", "ignore"],
      env: { ...process.env, ${WATCH_STDIN_ENV}: "1" },
    });
    console.log(child.pid);
    setInterval(() => {}, 1000);`;
  const parent = spawn(process.execPath, ["-e", parentScript], {
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const childPid = await new Promise<number>((resolve) => {
    parent.stdout.once("data", (data: Buffer) => resolve(Number(String(data).trim())));
  });
  expect(isAlive(childPid)).toBe(true);

  parent.kill("SIGKILL");
  const deadline = Date.now() + 10_000;
  while (isAlive(childPid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const survived = isAlive(childPid);
  if (survived) {
    process.kill(childPid, "SIGKILL");
  }
  expect(survived).toBe(false);
});
