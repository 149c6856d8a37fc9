// One stack of the example program (the repository's Pulumi.yaml, examples/knowledge-base) run
// through the test engine against an emulator of its own, with its own documents folder and state
// file. The plugin loads the compiled package from dist/, so `npm run build` must run first.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator, type JobTiming } from "../../emulator";
import { BailianClient } from "../../provider/client";
import {
  TestEngine,
  type OperationResult,
  type ResourceSummary,
  type StoredResource,
} from "../engine";

export const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");
const PROJECT = "bailian-knowledge-base";

/**
 * Simulated seconds per real second. The example's poll intervals are the API's minimums (5 s
 * for jobs, 15 s for files) divided by this, as the demo sets them.
 */
export const TIME_SCALE = 100;

export interface ExampleStackOptions {
  /** Documents written into the stack's folder before the first operation, by file name. */
  documents: Record<string, string>;
  jobTiming?: JobTiming;
}

type Operation = "up" | "refresh" | "destroy";

/** Lists each step of a result as "name: op", such as "documents/a.md: same". */
export function stepList(result: OperationResult): string[] {
  return result.steps.map((step) => `${step.urn.split("::").pop()}: ${step.op}`);
}

/**
 * Returns the resource of a result by the last part of its type (such as "IndexJob") and its
 * name; fails when it is missing.
 */
export function resourceOf(result: OperationResult, type: string, name: string): ResourceSummary {
  const found = result.resources.find(
    (resource) => resource.type.endsWith(`:${type}`) && resource.name === name,
  );
  if (!found) {
    const present = result.resources.map((resource) => resource.name).join(", ");
    throw new Error(`no ${type} named ${name} in the result; it has ${present}`);
  }
  return found;
}

/** Returns the outputs of a resource of a result, as `resourceOf` finds it. */
export function outputsOf(
  result: OperationResult,
  type: string,
  name: string,
): Record<string, unknown> {
  return resourceOf(result, type, name).outputs as Record<string, unknown>;
}

export class ExampleStack {
  /** Every line the engine passed to its log callback, over all operations. */
  readonly logLines: string[] = [];
  /** Every operation's result, in order. */
  readonly results: OperationResult[] = [];
  /** The raw state file text after each operation that left one. */
  readonly stateTexts: string[] = [];
  /** Stack configuration added to the demo's, keys without the project prefix. */
  readonly extraConfig: Record<string, string> = {};
  readonly client: BailianClient;
  readonly documentsDir: string;
  readonly stateFile: string;

  private constructor(
    readonly emulator: Emulator,
    private readonly root: string,
  ) {
    this.documentsDir = path.join(root, "documents");
    this.stateFile = path.join(root, "state.json");
    this.client = new BailianClient({
      endpoint: emulator.endpoint,
      credentials: {
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
      },
    });
  }

  /** Starts an emulator and writes the documents; no Pulumi operation runs yet. */
  static async start(options: ExampleStackOptions): Promise<ExampleStack> {
    if (!fs.existsSync(path.join(REPOSITORY_ROOT, "dist", "provider", "index.js"))) {
      throw new Error("dist/provider/index.js is missing; run `npm run build` before these tests.");
    }
    const emulator = await startEmulator({ timeScale: TIME_SCALE, jobTiming: options.jobTiming });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bailian-e2e-"));
    const stack = new ExampleStack(emulator, root);
    fs.mkdirSync(stack.documentsDir);
    for (const [name, content] of Object.entries(options.documents)) {
      stack.writeDocument(name, content);
    }
    return stack;
  }

  get workspaceId(): string {
    return this.emulator.workspaceId;
  }

  writeDocument(name: string, content: string): void {
    fs.writeFileSync(path.join(this.documentsDir, name), content);
  }

  /**
   * Creates an engine for the stack with the demo's configuration plus `extraConfig`. Every
   * engine shares the state file, so a new configuration takes effect with the next engine.
   */
  engine(): TestEngine {
    const prefixed = Object.entries(this.extraConfig).map(([key, value]) => [
      `${PROJECT}:${key}`,
      value,
    ]);
    return new TestEngine({
      programDir: REPOSITORY_ROOT,
      project: PROJECT,
      stack: "e2e",
      stateFile: this.stateFile,
      config: {
        [`${PROJECT}:workspaceId`]: this.workspaceId,
        [`${PROJECT}:documentsDir`]: this.documentsDir,
        [`${PROJECT}:pollIntervalSeconds`]: String(5 / TIME_SCALE),
        [`${PROJECT}:filePollIntervalSeconds`]: String(15 / TIME_SCALE),
        "bailian:endpoint": this.emulator.endpoint,
        "bailian:accessKeyId": this.emulator.accessKeyId,
        ...Object.fromEntries(prefixed),
      },
      secretConfig: { "bailian:accessKeySecret": this.emulator.accessKeySecret },
      log: (line) => this.logLines.push(line),
    });
  }

  /** Runs one operation, on `engine` when given (so a test can kill it), and records it. */
  async run(operation: Operation, engine: TestEngine = this.engine()): Promise<OperationResult> {
    const result = await engine[operation]();
    this.results.push(result);
    if (fs.existsSync(this.stateFile)) {
      this.stateTexts.push(fs.readFileSync(this.stateFile, "utf8"));
    }
    return result;
  }

  /** Returns the stored resource `name` from the state file, or undefined. */
  storedResource(name: string): StoredResource | undefined {
    return this.engine()
      .state()
      .resources.find((resource) => resource.name === name);
  }

  async close(): Promise<void> {
    await this.emulator.close();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
