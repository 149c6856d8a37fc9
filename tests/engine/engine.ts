// TestEngine: runs a Pulumi program through the real SDK runner and the real dynamic-provider
// plugin, keeping the stack state in a local JSON file. A test harness, not a Pulumi CLI.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OperationContext, OperationLog } from "./context";
import { Deployment } from "./deployment";
import { destroyAll, refreshAll } from "./lifecycle";
import { type EntryPoint, resolveEntryPoint } from "./entry-point";
import { KillSwitch } from "./kill";
import { MonitorServer } from "./monitor";
import { writePreload } from "./preload";
import { startProgram } from "./program";
import type { Child } from "./processes";
import { StateStore, readStateFile, emptyState } from "./state";
import type { OperationResult, ResourceSummary, StackOptions, StackState } from "./types";
import { type PropertyMap, secretKeysOf, unwrapSecrets, wrapSecret } from "./values";

/** Exit code cmd/run uses after it has already logged the program's error. */
const EXIT_AFTER_LOGGED_ERROR = 32;

export interface OperationOptions {
  /** Aborting kills the program and the plugin. The state keeps the steps already finished. */
  signal?: AbortSignal;
}

export class TestEngine {
  private readonly project: string;
  private readonly entryPoint: EntryPoint;
  private readonly stack: string;
  private readonly store: StateStore;
  private running: KillSwitch | undefined;
  private busy = false;

  constructor(private readonly opts: StackOptions) {
    this.entryPoint = resolveEntryPoint(path.resolve(opts.programDir));
    this.project =
      opts.project ?? this.entryPoint.projectName ?? path.basename(path.resolve(opts.programDir));
    this.stack = opts.stack ?? "test";
    this.store = new StateStore(opts.stateFile);
  }

  up(options: OperationOptions = {}): Promise<OperationResult> {
    return this.exclusive(() => this.runProgramOperation(false, options));
  }

  preview(options: OperationOptions = {}): Promise<OperationResult> {
    return this.exclusive(() => this.runProgramOperation(true, options));
  }

  refresh(options: OperationOptions = {}): Promise<OperationResult> {
    return this.exclusive(() => this.runStateOperation((context) => refreshAll(context), options));
  }

  destroy(options: OperationOptions = {}): Promise<OperationResult> {
    return this.exclusive(() => this.runStateOperation((context) => destroyAll(context), options));
  }

  /** Returns the parsed state file, secrets still encrypted. */
  state(): StackState {
    return readStateFile(this.opts.stateFile) ?? emptyState(this.project, this.stack);
  }

  /** Kills the program and plugin of the running operation, if any. */
  async kill(): Promise<void> {
    await this.running?.kill();
  }

  /** Runs one operation, rejecting a second one while the first is still running. */
  private async exclusive(operation: () => Promise<OperationResult>): Promise<OperationResult> {
    if (this.busy) {
      throw new Error(
        `another operation is still running on stack ${this.stack}: await it or call kill() first`,
      );
    }
    this.busy = true;
    try {
      return await operation();
    } finally {
      this.busy = false;
    }
  }

  private async runProgramOperation(
    dryRun: boolean,
    options: OperationOptions,
  ): Promise<OperationResult> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-test-engine-"));
    const nodeOptions = writePreload(workDir, process.env.NODE_OPTIONS);
    const context = this.createContext(() => monitor.address, nodeOptions);
    const deployment = new Deployment(context, dryRun);
    const monitor = await MonitorServer.start(deployment);
    let program: Child | undefined;
    const killed = this.startKillSwitch(options, async () => {
      await program?.kill();
      await context.close();
    });
    // The plugin takes about 0.6 s to start, so it starts now, in parallel with the program.
    // A start failure is reported by the first step that needs the plugin.
    context.provider().catch(() => undefined);
    try {
      program = startProgram({
        programDir: path.resolve(this.opts.programDir),
        entryPoint: this.entryPoint,
        project: this.project,
        stack: this.stack,
        monitorAddress: monitor.address,
        dryRun,
        config: this.opts.config ?? {},
        secretConfig: this.opts.secretConfig ?? {},
        env: this.opts.env ?? {},
        nodeOptions,
        workDir,
        onLine: (line) => context.log.write(`[program] ${line}`),
      });
      const exitCode = await Promise.race([program.exited, killed.killed.then(() => null)]);
      await deployment.settle();
      if (killed.triggered) {
        return this.result(context, "operation aborted: the program and the plugin were killed");
      }
      const error = programError(exitCode, deployment.errors, context.log.lines);
      if (!error) {
        await deployment.deleteUnregistered();
      }
      return this.result(context, error, deployment.stackUrn);
    } catch (error) {
      return this.result(
        context,
        killed.triggered ? "operation aborted" : (error as Error).message,
      );
    } finally {
      await killed.dispose();
      this.running = undefined;
      await program?.kill();
      await context.close();
      monitor.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }

  private async runStateOperation(
    operation: (context: OperationContext) => Promise<void>,
    options: OperationOptions,
  ): Promise<OperationResult> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-test-engine-"));
    const nodeOptions = writePreload(workDir, process.env.NODE_OPTIONS);
    // The plugin requires an engine address argument but never connects to it.
    const context = this.createContext(() => "127.0.0.1:0", nodeOptions);
    const killed = this.startKillSwitch(options, () => context.close());
    try {
      await Promise.race([operation(context), killed.killed]);
      return this.result(
        context,
        killed.triggered ? "operation aborted: the plugin was killed" : undefined,
      );
    } catch (error) {
      return this.result(
        context,
        killed.triggered ? "operation aborted" : (error as Error).message,
      );
    } finally {
      await killed.dispose();
      this.running = undefined;
      await context.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }

  private createContext(engineAddress: () => string, nodeOptions: string): OperationContext {
    const programDir = path.resolve(this.opts.programDir);
    const log = new OperationLog(this.opts.log);
    const secretConfig = this.opts.secretConfig ?? {};
    for (const value of Object.values(secretConfig)) {
      log.addSecrets(wrapSecret(value));
    }
    return new OperationContext({
      project: this.project,
      stack: this.stack,
      programDir,
      config: this.opts.config ?? {},
      secretConfig,
      pluginEnv: {
        ...process.env,
        PULUMI_NODEJS_PROJECT: this.project,
        PULUMI_NODEJS_STACK: this.stack,
        NODE_OPTIONS: nodeOptions,
        ...this.opts.env,
      },
      engineAddress,
      store: this.store,
      log,
    });
  }

  private startKillSwitch(options: OperationOptions, stop: () => Promise<void>): KillSwitch {
    this.running = new KillSwitch(stop, options.signal);
    return this.running;
  }

  private result(
    context: OperationContext,
    error: string | undefined,
    stackUrn = "",
  ): OperationResult {
    const resources = context.state.resources.filter((r) => !r.pendingDelete).map(summarize);
    const stack = context.state.resources.find(
      (r) => r.urn === stackUrn || r.type === "pulumi:pulumi:Stack",
    );
    return {
      ok: error === undefined,
      ...(error === undefined ? {} : { error: context.log.redact(error) }),
      outputs: stack ? (unwrapSecrets(stack.outputs) as PropertyMap) : {},
      resources,
      steps: context.steps,
      log: context.log.lines,
    };
  }
}

function summarize(resource: StackState["resources"][number]): ResourceSummary {
  const summary: ResourceSummary = {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    custom: resource.custom,
    outputs: unwrapSecrets(resource.outputs) as PropertyMap,
    secretKeys: secretKeysOf(resource.outputs),
  };
  if (resource.id) {
    summary.id = resource.id;
  }
  return summary;
}

/** Returns the operation's error: the first failed step, else the program's own error, else undefined. */
function programError(
  exitCode: number | null,
  stepErrors: string[],
  log: string[],
): string | undefined {
  if (stepErrors.length > 0) {
    return stepErrors[0];
  }
  if (exitCode === 0) {
    return undefined;
  }
  const errors = log.filter((line) => line.startsWith("[error]"));
  if (exitCode === EXIT_AFTER_LOGGED_ERROR && errors.length > 0) {
    return errors.join("\n");
  }
  const detail = errors.length > 0 ? `: ${errors.join("\n")}` : "";
  return `program exited with code ${exitCode}${detail}`;
}
