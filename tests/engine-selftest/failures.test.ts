// Real runs of the test engine on failing programs and providers: init failures, a throwing
// program, and a kill in the middle of a create.
import * as fs from "node:fs";
import { Fixture, urnOf } from "./fixture";

let fixture: Fixture;

beforeEach(() => {
  fixture = new Fixture();
});

afterEach(() => {
  fixture.remove();
});

async function waitForFile(file: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file) || fs.readFileSync(file, "utf8") === "") {
    if (Date.now() > deadline) {
      throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return fs.readFileSync(file, "utf8");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("init failure is kept and updated next", async () => {
  const failed = await fixture.engine([{ name: "a", value: "init-fail" }]).up();
  expect(failed.ok).toBe(false);
  expect(failed.error).toContain("resource a did not become ready");
  const stored = fixture
    .engine([])
    .state()
    .resources.find((r) => r.urn === urnOf("a"));
  expect(stored?.id).toBe("id-a");
  expect(stored?.outputs.ready).toBe(false);
  expect(stored?.initErrors).toEqual(["still starting"]);
  fixture.clearOperations();

  const retried = await fixture.engine([{ name: "a", value: "init-fail" }]).up();
  expect(retried.error).toBeUndefined();
  expect(fixture.operations()).toEqual(["update a init-fail"]);
  const updated = fixture
    .engine([])
    .state()
    .resources.find((r) => r.urn === urnOf("a"));
  expect(updated?.id).toBe("id-a");
  expect(updated?.initErrors).toBeUndefined();
});

test("throwing program fails and deletes nothing", async () => {
  await fixture.engine([{ name: "a", value: "one" }]).up();
  fixture.clearOperations();

  const result = await fixture.engine([], { config: { "selftest:fail": "true" } }).up();
  expect(result.ok).toBe(false);
  expect(result.error).toContain("program failed on purpose");
  // cmd/run colours the error unless the engine's preload is active.
  expect(result.error).not.toContain("\u001b[");
  expect(fixture.operations()).toEqual([]);
  expect(
    fixture
      .engine([])
      .state()
      .resources.map((r) => r.urn),
  ).toContain(urnOf("a"));
});

test("kill during create keeps finished steps", async () => {
  const engine = fixture.engine([
    { name: "a", value: "one" },
    { name: "b", value: "hang", refersTo: "a" },
  ]);
  const running = engine.up();
  const pluginPid = Number(await waitForFile(`${fixture.opsFile}.hang`, 60_000));
  expect(isAlive(pluginPid)).toBe(true);

  await engine.kill();
  const result = await running;
  expect(result.ok).toBe(false);
  expect(result.error).toContain("aborted");
  expect(isAlive(pluginPid)).toBe(false);
  const urns = engine.state().resources.map((r) => r.urn);
  expect(urns).toContain(urnOf("a"));
  expect(urns).not.toContain(urnOf("b"));
});

test("abort signal stops the operation", async () => {
  const controller = new AbortController();
  const running = fixture.engine([{ name: "a", value: "hang" }]).up({ signal: controller.signal });
  const pluginPid = Number(await waitForFile(`${fixture.opsFile}.hang`, 60_000));

  controller.abort();
  const result = await running;
  expect(result.ok).toBe(false);
  expect(isAlive(pluginPid)).toBe(false);
  expect(
    fixture
      .engine([])
      .state()
      .resources.map((r) => r.urn),
  ).not.toContain(urnOf("a"));
});
