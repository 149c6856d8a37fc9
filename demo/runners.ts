import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { TestEngine } from "../tests/engine";

/** The project, program and stack configuration of one demo run. */
export interface DemoRun {
  /** Folder with Pulumi.yaml. */
  projectDir: string;
  /** Folder of the program that Pulumi.yaml's `main` names. */
  programDir: string;
  /** Scratch folder for state; the demo deletes it at the end. */
  workDir: string;
  /** Stack configuration, keys "namespace:key". */
  config: { plain: Record<string, string>; secret: Record<string, string> };
}

export interface RunResult {
  ok: boolean;
  error?: string;
  outputs: Record<string, unknown>;
}

export interface DemoRunner {
  up(): Promise<RunResult>;
  destroy(): Promise<RunResult>;
}

const PROJECT = "bailian-knowledge-base";
const STACK = "demo";

/** Returns the path of the `pulumi` executable on PATH, or undefined. */
export function findPulumiCli(): string | undefined {
  for (const folder of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(folder, "pulumi");
    if (folder !== "" && fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * Shortens the engine's step lines for reading: "[engine] create urn:pulumi:demo::p::T::name"
 * becomes "[engine] create T name", where T is the last part of the type token.
 */
function shortenEngineLine(line: string): string {
  const step = /^\[engine\] (\S+) urn:pulumi:[^:]*::[^:]*::(\S+)::(\S+?)( finished)?$/.exec(line);
  if (!step) {
    return line;
  }
  const [, operation, typeChain, name, finished] = step;
  const type = typeChain.split("$").pop()!.split(":").pop()!;
  return `[engine] ${operation} ${type} ${name}${finished ?? ""}`;
}

/** Runs the program through the project's test engine: the SDK's runner and real plugin. */
export class TestEngineRunner implements DemoRunner {
  private readonly engine: TestEngine;

  constructor(run: DemoRun) {
    this.engine = new TestEngine({
      programDir: run.programDir,
      project: PROJECT,
      stack: STACK,
      stateFile: path.join(run.workDir, "state.json"),
      config: run.config.plain,
      secretConfig: run.config.secret,
      log: (line) => console.log(shortenEngineLine(line)),
    });
  }

  up(): Promise<RunResult> {
    return this.engine.up();
  }

  destroy(): Promise<RunResult> {
    return this.engine.destroy();
  }
}

/**
 * Runs the program with the Pulumi CLI, with a local file backend in the scratch folder.
 *
 * NOTE: no machine this project is tested on has the Pulumi CLI, so this path has not been run.
 */
export class PulumiCliRunner implements DemoRunner {
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly run: DemoRun,
    private readonly cli: string,
  ) {
    this.env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${run.workDir}`,
      // Encrypts the demo's secret config in the scratch state; the stack is deleted afterwards.
      PULUMI_CONFIG_PASSPHRASE: "bailian-demo",
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    this.pulumi(["stack", "init", STACK]);
    for (const [key, value] of Object.entries(run.config.plain)) {
      this.pulumi(["config", "set", key, value]);
    }
    for (const [key, value] of Object.entries(run.config.secret)) {
      this.pulumi(["config", "set", "--secret", key, value]);
    }
  }

  async up(): Promise<RunResult> {
    const status = this.pulumiShown(["up", "--yes", "--skip-preview"]);
    if (status !== 0) {
      return { ok: false, error: `pulumi up exited with ${status}`, outputs: {} };
    }
    const outputs = JSON.parse(this.pulumi(["stack", "output", "--json"])) as Record<
      string,
      unknown
    >;
    return { ok: true, outputs };
  }

  async destroy(): Promise<RunResult> {
    const status = this.pulumiShown(["destroy", "--yes", "--skip-preview"]);
    if (status === 0) {
      this.pulumi(["stack", "rm", "--yes", STACK]);
    }
    return status === 0
      ? { ok: true, outputs: {} }
      : { ok: false, error: `pulumi destroy exited with ${status}`, outputs: {} };
  }

  private pulumi(args: string[]): string {
    return execFileSync(this.cli, [...args, "--cwd", this.run.projectDir], {
      env: this.env,
      encoding: "utf8",
    });
  }

  private pulumiShown(args: string[]): number {
    const result = spawnSync(this.cli, [...args, "--cwd", this.run.projectDir], {
      env: this.env,
      stdio: "inherit",
    });
    return result.status ?? 1;
  }
}
