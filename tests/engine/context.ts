// What every operation shares: the redacting log, the lazily started plugin, the state being
// changed, the steps taken, and the plain and secret stack configuration.
import { ProviderPlugin } from "./plugin";
import type { StateStore } from "./state";
import type { StackState, Step, StepOp, StoredResource } from "./types";
import { type PropertyMap, collectSecretStrings, wrapSecret } from "./values";

/** Secret strings shorter than this are not redacted, because replacing them would garble every line. */
const MIN_REDACTED_LENGTH = 3;

export class OperationLog {
  readonly lines: string[] = [];
  private readonly secrets = new Set<string>();

  constructor(private readonly sink?: (line: string) => void) {}

  /** Adds every secret string inside `value` to the set of strings that log lines never show. */
  addSecrets(value: unknown): void {
    collectSecretStrings(value, this.secrets);
  }

  write(line: string): void {
    const redacted = this.redact(line);
    this.lines.push(redacted);
    this.sink?.(redacted);
  }

  /** Replaces every known secret string in `text` with "[secret]". */
  redact(text: string): string {
    let redacted = text;
    for (const secret of this.secrets) {
      if (secret.length >= MIN_REDACTED_LENGTH) {
        redacted = redacted.split(secret).join("[secret]");
      }
    }
    return redacted;
  }
}

export interface ContextOptions {
  project: string;
  stack: string;
  programDir: string;
  config: Record<string, string>;
  secretConfig: Record<string, string>;
  /** Environment of the plugin process. */
  pluginEnv: NodeJS.ProcessEnv;
  engineAddress: () => string;
  store: StateStore;
  log: OperationLog;
}

export class OperationContext {
  readonly steps: Step[] = [];
  readonly state: StackState;
  private plugin: Promise<ProviderPlugin> | undefined;
  private closing: Promise<void> | undefined;

  constructor(readonly options: ContextOptions) {
    this.state = options.store.load(options.project, options.stack);
    for (const resource of this.state.resources) {
      options.log.addSecrets(resource.inputs);
      options.log.addSecrets(resource.outputs);
    }
  }

  get log(): OperationLog {
    return this.options.log;
  }

  recordStep(urn: string, op: StepOp): void {
    this.steps.push({ urn, op });
    this.log.write(`[engine] ${op} ${urn}`);
  }

  save(): void {
    this.options.store.save(this.state);
  }

  find(urn: string): StoredResource | undefined {
    return this.state.resources.find((resource) => resource.urn === urn && !resource.pendingDelete);
  }

  /** Replaces the live entry for `resource.urn`, or appends it. */
  put(resource: StoredResource): void {
    this.log.addSecrets(resource.inputs);
    this.log.addSecrets(resource.outputs);
    const index = this.state.resources.findIndex((r) => r.urn === resource.urn && !r.pendingDelete);
    if (index >= 0) {
      this.state.resources[index] = resource;
    } else {
      this.state.resources.push(resource);
    }
  }

  remove(resource: StoredResource): void {
    this.state.resources = this.state.resources.filter((r) => r !== resource);
  }

  /** Starts the dynamic-provider plugin on first use and configures it with the stack config. */
  provider(): Promise<ProviderPlugin> {
    if (this.closing) {
      return Promise.reject(new Error("operation aborted: the provider plugin was stopped"));
    }
    this.plugin ??= this.startPlugin();
    return this.plugin;
  }

  /** Stops the plugin, if one was started. Later calls return the same promise. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.plugin) {
        await this.plugin.then(
          (started) => started.close(),
          () => undefined,
        );
      }
    })();
    return this.closing;
  }

  private async startPlugin(): Promise<ProviderPlugin> {
    const plugin = await ProviderPlugin.start({
      cwd: this.options.programDir,
      env: this.options.pluginEnv,
      engineAddress: this.options.engineAddress(),
      onLine: (line) => this.log.write(`[plugin] ${line}`),
    });
    const args: PropertyMap = { ...this.options.config };
    for (const [key, value] of Object.entries(this.options.secretConfig)) {
      args[key] = wrapSecret(value);
    }
    try {
      await plugin.configure(args, { ...this.options.config, ...this.options.secretConfig });
    } catch (error) {
      await plugin.close();
      throw error;
    }
    return plugin;
  }
}
