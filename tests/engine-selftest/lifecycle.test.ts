// Real runs of @pulumi/pulumi's cmd/run and dynamic-provider plugin through the test engine:
// create, same, update, replace, delete, refresh and destroy.
import * as fs from "node:fs";
import { Fixture, urnOf } from "./fixture";

let fixture: Fixture;

beforeEach(() => {
  fixture = new Fixture();
});

afterEach(() => {
  fixture.remove();
});

function opsOf(steps: { urn: string; op: string }[]): string[] {
  return steps
    .filter((s) => s.urn.includes("dynamic:Resource"))
    .map((s) => `${s.op} ${s.urn.split("::").pop()}`);
}

test("up creates, keeps and updates", async () => {
  const first = await fixture.engine([{ name: "a", value: "one" }]).up();
  expect(first.error).toBeUndefined();
  expect(first.ok).toBe(true);
  expect(opsOf(first.steps)).toEqual(["create a"]);
  expect(first.outputs).toEqual({ aId: "id-a" });
  const stored = fixture
    .engine([])
    .state()
    .resources.find((r) => r.urn === urnOf("a"));
  expect(stored?.id).toBe("id-a");
  expect(stored?.outputs.ready).toBe(true);
  expect(stored?.provider).toContain("pulumi:providers:pulumi-nodejs");
  fixture.clearOperations();

  const second = await fixture.engine([{ name: "a", value: "one" }]).up();
  expect(second.ok).toBe(true);
  expect(opsOf(second.steps)).toEqual(["same a"]);
  expect(fixture.operations()).toEqual([]);

  const third = await fixture.engine([{ name: "a", value: "two" }]).up();
  expect(third.ok).toBe(true);
  expect(opsOf(third.steps)).toEqual(["update a"]);
  expect(fixture.operations()).toEqual(["update a two"]);
  expect(third.resources.find((r) => r.name === "a")?.outputs.value).toBe("two");
});

test("replacement creates before deleting", async () => {
  await fixture.engine([{ name: "a", value: "one", replaceKey: "x" }]).up();
  fixture.clearOperations();

  const result = await fixture.engine([{ name: "a", value: "one", replaceKey: "y" }]).up();
  expect(result.ok).toBe(true);
  expect(opsOf(result.steps)).toEqual(["replace a"]);
  expect(fixture.operations()).toEqual(["create a one", "delete a"]);
  const stored = fixture
    .engine([])
    .state()
    .resources.filter((r) => r.urn === urnOf("a"));
  expect(stored).toHaveLength(1);
  expect(stored[0].inputs.replaceKey).toBe("y");
});

test("removed resources are deleted dependents first", async () => {
  const specs = [
    { name: "a", value: "one" },
    { name: "b", value: "two", refersTo: "a" },
    { name: "c", value: "three" },
  ];
  await fixture.engine(specs).up();
  const b = fixture
    .engine([])
    .state()
    .resources.find((r) => r.urn === urnOf("b"));
  expect(b?.inputs.ref).toBe("id-a");
  expect(b?.propertyDependencies?.ref).toEqual([urnOf("a")]);
  fixture.clearOperations();

  const result = await fixture.engine([{ name: "c", value: "three" }]).up();
  expect(result.ok).toBe(true);
  expect(fixture.operations()).toEqual(["delete b", "delete a"]);
  expect(result.resources.map((r) => r.name)).toEqual(["selftest-dev", "c"]);
});

test("refresh stores what read returns", async () => {
  await fixture
    .engine([
      { name: "a", value: "one" },
      { name: "b", value: "two" },
    ])
    .up();
  fs.writeFileSync(`${fixture.opsFile}.gone-b`, "");
  fixture.clearOperations();

  const result = await fixture.engine([]).refresh();
  expect(result.ok).toBe(true);
  expect(fixture.operations()).toEqual(["read a", "read b"]);
  expect(result.steps).toEqual([
    { urn: urnOf("a"), op: "refresh" },
    { urn: urnOf("b"), op: "delete" },
  ]);
  const urns = fixture
    .engine([])
    .state()
    .resources.map((r) => r.urn);
  expect(urns).toContain(urnOf("a"));
  expect(urns).not.toContain(urnOf("b"));
  expect(result.resources.find((r) => r.name === "a")?.outputs.refreshed).toBe(true);
});

test("destroy deletes everything", async () => {
  await fixture
    .engine([
      { name: "a", value: "one" },
      { name: "b", value: "two", refersTo: "a" },
    ])
    .up();
  fixture.clearOperations();

  const result = await fixture.engine([]).destroy();
  expect(result.ok).toBe(true);
  expect(fixture.operations()).toEqual(["delete b", "delete a"]);
  expect(fixture.engine([]).state().resources).toEqual([]);
});

test("get reads without managing", async () => {
  const result = await fixture.engine([{ name: "ext", value: "x", existingId: "id-ext" }]).up();
  expect(result.error).toBeUndefined();
  expect(result.steps).toContainEqual({ urn: urnOf("ext"), op: "read" });
  expect(fixture.operations()).toEqual(["read ext"]);
  expect(result.outputs).toEqual({ extId: "id-ext" });
  fixture.clearOperations();

  const removed = await fixture.engine([]).up();
  expect(removed.ok).toBe(true);
  expect(fixture.operations()).toEqual([]);
  expect(
    fixture
      .engine([])
      .state()
      .resources.map((r) => r.urn),
  ).not.toContain(urnOf("ext"));
});
