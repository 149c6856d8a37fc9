import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { DataCenterFolder, listFolderFiles } from "../../sdk/data-center-folder";
import { provider } from "./fixture";

// The SDK puts a dynamic resource's module after "dynamic/" in its type token.
const FILE_TYPE = "pulumi-nodejs:dynamic/bailian:DataCenterFile";
const SECRET = "folder-test-secret-value";

interface ProgramRun {
  /** Inputs of each DataCenterFile child, by resource name. */
  children: Map<string, Record<string, unknown>>;
  files: Record<string, string>;
  fileIds: string[];
}

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Inputs of each DataCenterFile child of the current program run, by resource name. */
let recordedChildren = new Map<string, Record<string, unknown>>();

// One mock monitor serves every run: a component's outputs are registered after its outputs
// resolve, and a second monitor would not know the first run's resources.
beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === FILE_TYPE) {
          recordedChildren.set(args.name, args.inputs);
          return { id: `id-${args.name}`, state: { ...args.inputs, fileId: `id-${args.name}` } };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

/** Runs a program that declares one DataCenterFolder under mocks and records its children. */
async function runProgram(folder: string): Promise<ProgramRun> {
  recordedChildren = new Map();
  const children = recordedChildren;
  const component = new DataCenterFolder("docs", {
    workspaceId: "llm-ws1",
    folder,
    pollIntervalSeconds: 15,
  });
  const files = await outputValue(component.files);
  const fileIds = await outputValue(component.fileIds);
  return { children, files, fileIds };
}

describe("DataCenterFolder", () => {
  let folder: string;
  const savedSecret = process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;

  beforeEach(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), "bailian-folder-"));
    mkdirSync(nodePath.join(folder, "sub"));
    writeFileSync(nodePath.join(folder, "a.txt"), "alpha");
    writeFileSync(nodePath.join(folder, "b.md"), "# beta");
    writeFileSync(nodePath.join(folder, "sub", "c.txt"), "gamma");
    writeFileSync(nodePath.join(folder, "sheet.xlsx"), "not an accepted type");
    writeFileSync(nodePath.join(folder, ".hidden.txt"), "hidden");
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = SECRET;
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
    if (savedSecret === undefined) {
      delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    } else {
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = savedSecret;
    }
  });

  it("lists accepted files by sorted relative path", () => {
    expect(listFolderFiles(folder, ["txt", "md"], true)).toEqual(["a.txt", "b.md", "sub/c.txt"]);
    expect(listFolderFiles(folder, [".TXT"], false)).toEqual(["a.txt"]);
  });

  it("declares one file resource per accepted file", async () => {
    const run = await runProgram(folder);

    expect([...run.children.keys()].sort()).toEqual(["docs/a.txt", "docs/b.md", "docs/sub/c.txt"]);
    expect(run.files).toEqual({
      "a.txt": "id-docs/a.txt",
      "b.md": "id-docs/b.md",
      "sub/c.txt": "id-docs/sub/c.txt",
    });
    expect(run.fileIds).toEqual(["id-docs/a.txt", "id-docs/b.md", "id-docs/sub/c.txt"]);

    const child = run.children.get("docs/sub/c.txt")!;
    expect(child.fileName).toBe("c.txt");
    expect(child.sizeInBytes).toBe(5);
    expect(child.path).toBe(nodePath.join(folder, "sub", "c.txt"));
  });

  it("keeps credentials out of the serialized provider", async () => {
    const run = await runProgram(folder);
    const providerText = String(run.children.get("docs/a.txt")!.__provider);

    expect(providerText.length).toBeGreaterThan(0);
    expect(providerText.length).toBeLessThanOrEqual(20 * 1024);
    expect(providerText).not.toContain(SECRET);
  });

  it("touches only the added, changed and removed files", async () => {
    const first = await runProgram(folder);
    writeFileSync(nodePath.join(folder, "d.txt"), "delta");
    writeFileSync(nodePath.join(folder, "b.md"), "# beta, second edition");
    unlinkSync(nodePath.join(folder, "sub", "c.txt"));
    const second = await runProgram(folder);

    const before = [...first.children.keys()].sort();
    const after = [...second.children.keys()].sort();
    expect(after.filter((name) => !before.includes(name))).toEqual(["docs/d.txt"]);
    expect(before.filter((name) => !after.includes(name))).toEqual(["docs/sub/c.txt"]);

    const files = provider("DataCenterFile");
    const diffOf = async (name: string) => {
      const olds = (await files.check({}, first.children.get(name)!)).inputs;
      const news = (await files.check({}, second.children.get(name)!)).inputs;
      return files.diff(`id-${name}`, olds, news);
    };
    expect(second.children.get("docs/a.txt")).toEqual(first.children.get("docs/a.txt"));
    expect((await diffOf("docs/a.txt")).changes).toBe(false);
    expect((await diffOf("docs/b.md")).replaces).toEqual(["md5", "sizeInBytes"]);
  });
  test.each([
    ["an empty string", () => ""],
    ["a missing folder", (root: string) => nodePath.join(root, "missing")],
    ["a file", (root: string) => nodePath.join(root, "a.txt")],
  ])("folder rejects %s", (_case, pathOf) => {
    recordedChildren = new Map();
    const bad = pathOf(folder);

    const build = () => new DataCenterFolder("bad", { workspaceId: "llm-ws1", folder: bad });

    expect(build).toThrow(new RegExp(`^DataCenterFolder folder (is )?${JSON.stringify(bad)}`));
    expect(build).toThrow("set it to the path of a local folder");
    expect(recordedChildren.size).toBe(0);
  });

  test("empty file stops before any child", () => {
    recordedChildren = new Map();
    writeFileSync(nodePath.join(folder, "sub", "empty.md"), "");

    const build = () => new DataCenterFolder("sized", { workspaceId: "llm-ws1", folder });

    expect(build).toThrow("sub/empty.md is empty (0 bytes)");
    expect(build).toThrow("remove them or narrow extensions");
    expect(recordedChildren.size).toBe(0);
  });

  test("long file name stops before any child", () => {
    recordedChildren = new Map();
    const longName = `${"n".repeat(125)}.txt`;
    writeFileSync(nodePath.join(folder, "sub", longName), "long name");

    const build = () => new DataCenterFolder("named", { workspaceId: "llm-ws1", folder });

    expect(build).toThrow(
      `DataCenterFolder folder ${folder} has files whose names Bailian rejects`,
    );
    expect(build).toThrow(`sub/${longName}: the name has 129 characters`);
    expect(build).toThrow("4 to 128 characters");
    expect(build).toThrow("rename them, or remove them or narrow extensions");
    expect(recordedChildren.size).toBe(0);
  });

  test("unaccepted extension stops before any child", () => {
    recordedChildren = new Map();
    const extensions = ["txt", "xlsx"];

    const build = () =>
      new DataCenterFolder("typed", { workspaceId: "llm-ws1", folder, extensions });

    expect(build).toThrow("sheet.xlsx: the name does not end in a type Bailian accepts");
    expect(build).not.toThrow("a.txt");
    expect(recordedChildren.size).toBe(0);
  });
  test("repeated file names stop before any child", () => {
    recordedChildren = new Map();
    writeFileSync(nodePath.join(folder, "sub", "a.txt"), "another alpha");

    const build = () => new DataCenterFolder("repeated", { workspaceId: "llm-ws1", folder });

    expect(build).toThrow("a.txt and sub/a.txt");
    expect(build).toThrow("rename them");
    expect(recordedChildren.size).toBe(0);
  });
});
