// Runs a program with Category, DataCenterFile and KnowledgeBase through the real Pulumi
// language host and dynamic-provider plugin (the test engine), against the emulator. The program
// loads the compiled package from dist/, so `npm run build` must run first, as `npm test` does.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator";
import { BailianClient } from "../../provider/client";
import { TestEngine, type OperationResult } from "../engine";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const bailian = require("pulumi-bailian");
const config = new pulumi.Config("e2e");
const workspaceId = config.require("workspaceId");
const category = new bailian.Category("files", { workspaceId, name: "e2e-files" });
const file = new bailian.DataCenterFile("guide", {
  workspaceId,
  path: config.require("file"),
  categoryId: category.categoryId,
  pollIntervalSeconds: 0.05,
});
const knowledgeBase = new bailian.KnowledgeBase("kb", {
  workspaceId,
  name: "e2e-kb",
  documentIds: [file.fileId],
});
exports.indexId = knowledgeBase.indexId;
exports.fileId = file.fileId;
exports.fileStatus = file.status;
`;

/** Lists each step as "op name", such as "replace guide". */
function steps(result: OperationResult): string[] {
  return result.steps.map((step) => `${step.op} ${step.urn.split("::").pop()}`);
}

describe("resources under the test engine", () => {
  let emulator: Emulator;
  let root: string;
  let engine: TestEngine;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(REPO_ROOT, "dist", "sdk", "index.js"))) {
      throw new Error("dist/sdk/index.js is missing; run `npm run build` before this test.");
    }
    emulator = await startEmulator({ timeScale: 100, rateLimits: false });
    root = fs.mkdtempSync(path.join(os.tmpdir(), "bailian-engine-"));

    // The program and the plugin resolve both packages from the program's node_modules.
    const programDir = path.join(root, "program");
    const modules = path.join(programDir, "node_modules");
    fs.mkdirSync(modules, { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(modules, "@pulumi"));
    fs.symlinkSync(REPO_ROOT, path.join(modules, "pulumi-bailian"));
    fs.writeFileSync(path.join(programDir, "package.json"), '{"name":"e2e","main":"index.js"}');
    fs.writeFileSync(path.join(programDir, "index.js"), PROGRAM);
    fs.writeFileSync(path.join(root, "guide.txt"), "Refunds take five days.");

    engine = new TestEngine({
      programDir,
      project: "e2e",
      stateFile: path.join(root, "state.json"),
      config: {
        "e2e:workspaceId": emulator.workspaceId,
        "e2e:file": path.join(root, "guide.txt"),
        "bailian:endpoint": emulator.endpoint,
        "bailian:accessKeyId": emulator.accessKeyId,
      },
      secretConfig: { "bailian:accessKeySecret": emulator.accessKeySecret },
    });
  });

  afterAll(async () => {
    await emulator?.close();
    if (root) {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("creates, replaces, refreshes and destroys", async () => {
    const client = new BailianClient({
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    });

    const created = await engine.up();
    expect(created.error).toBeUndefined();
    expect(created.outputs.fileStatus).toBe("PARSE_SUCCESS");
    expect(steps(created)).toEqual(
      expect.arrayContaining(["create files", "create guide", "create kb"]),
    );

    // New content replaces the file, and the new file id replaces the knowledge base.
    fs.writeFileSync(path.join(root, "guide.txt"), "Refunds take six days now.");
    const changed = await engine.up();
    expect(changed.error).toBeUndefined();
    expect(steps(changed)).toEqual(
      expect.arrayContaining(["same files", "replace guide", "replace kb"]),
    );
    expect(changed.outputs.fileId).not.toBe(created.outputs.fileId);

    // An index deleted outside Pulumi leaves the stack on refresh.
    await client.deleteIndex(emulator.workspaceId, { IndexId: String(changed.outputs.indexId) });
    const refreshed = await engine.refresh();
    expect(refreshed.error).toBeUndefined();
    const names = refreshed.resources.map((resource) => resource.name);
    expect(names).not.toContain("kb");
    expect(names).toContain("guide");

    const destroyed = await engine.destroy();
    expect(destroyed.error).toBeUndefined();
    const described = client.describeFile(emulator.workspaceId, {
      FileId: String(changed.outputs.fileId),
    });
    await expect(described).rejects.toMatchObject({ httpStatus: 404 });
    expect(fs.readFileSync(path.join(root, "state.json"), "utf8")).not.toContain(
      emulator.accessKeySecret,
    );
  });
});
