import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Category, DataCenterFile, KnowledgeBase, RetrievalCheck } from "../../sdk";
import { readLocalFile } from "../../sdk/internal/local-file";

/** Records the inputs of every resource the program declares, by name. */
const declared = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        declared.set(args.name, args.inputs);
        return { id: `id-${args.name}`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("resource classes", () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), "bailian-sdk-"));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it("declare every output field as an Output", () => {
    writeFileSync(nodePath.join(folder, "guide.txt"), "text");
    const resources: [pulumi.Resource, string[]][] = [
      [
        new Category("category", { workspaceId: "llm-ws1", name: "manuals" }),
        ["categoryId", "name", "workspaceId", "parentCategoryId", "adopted"],
      ],
      [
        new DataCenterFile("file", {
          workspaceId: "llm-ws1",
          path: nodePath.join(folder, "guide.txt"),
        }),
        ["fileId", "fileName", "status", "sizeInBytes", "parser", "md5", "categoryId", "adopted"],
      ],
      [
        new KnowledgeBase("kb", { workspaceId: "llm-ws1", name: "kb", categoryIds: ["default"] }),
        ["indexId", "name", "workspaceId", "adopted", "settings"],
      ],
      [
        new RetrievalCheck("check", { workspaceId: "llm-ws1", indexId: "idx-1", query: "q" }),
        ["resultCount", "nodes", "checkedAt"],
      ],
    ];
    for (const [resource, fields] of resources) {
      for (const field of fields) {
        const value = (resource as unknown as Record<string, unknown>)[field];
        expect({ field, isOutput: pulumi.Output.isInstance(value) }).toEqual({
          field,
          isOutput: true,
        });
      }
    }
  });

  it("send the file's hash, size, absolute path and name", async () => {
    writeFileSync(nodePath.join(folder, "guide.txt"), "hello");
    const file = new DataCenterFile("hashed", {
      workspaceId: "llm-ws1",
      path: nodePath.relative(process.cwd(), nodePath.join(folder, "guide.txt")),
    });
    await outputValue(file.md5);

    const inputs = declared.get("hashed")!;
    expect(inputs.md5).toBe("5d41402abc4b2a76b9719d911017c592");
    expect(inputs.sizeInBytes).toBe(5);
    expect(inputs.path).toBe(nodePath.join(folder, "guide.txt"));
    expect(inputs.fileName).toBe("guide.txt");
  });

  it("fail clearly for a missing local file", () => {
    const missing = nodePath.join(folder, "missing.txt");

    expect(() => readLocalFile(missing)).toThrow(/missing\.txt" cannot be read \(ENOENT/);
  });
});
