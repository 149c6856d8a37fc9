// The serialized `__provider` text of an IndexJob and the time the real dynamic-provider plugin
// takes from its start to its first API call.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { thinProvider } from "../sdk/internal/thin-provider";
import { ProviderPlugin } from "../tests/engine/plugin";
import { prepareJobs, providerEnv, startBenchEmulator } from "./fixture";
import { jobInputs } from "./measure";

const URN = "urn:pulumi:bench::bench::pulumi-nodejs:dynamic/bailian:IndexJob::startup";
/**
 * The plugin's working directory. The thin provider resolves `pulumi-bailian/provider` from
 * there, which inside this repository works by Node's self-reference through `exports`.
 */
const REPOSITORY_ROOT = path.resolve(__dirname, __filename.endsWith(".js") ? "../.." : "..");

/** Serializes the IndexJob provider the way pulumi.dynamic.Resource does. */
export async function serializedProviderText(): Promise<string> {
  const provider = thinProvider("IndexJob");
  const serialized = await pulumi.runtime.serializeFunction(() => provider, {
    allowSecrets: true,
  });
  return serialized.text;
}

export interface PluginStartFigures {
  providerTextBytes: number;
  /** Real milliseconds from starting the plugin process to the end of its first API request. */
  firstRequestMs: number;
  /** Real milliseconds until the plugin printed its port. */
  listeningMs: number;
  jobStatus: string;
}

/**
 * Starts the plugin, sends Configure, Check and Create of a small IndexJob, and times the first
 * request the emulator logs. The plugin loads the compiled package, so run `npm run build` first.
 */
export async function measurePluginStart(timeScale: number): Promise<PluginStartFigures> {
  let startedAt = 0;
  let firstRequestAt: number | undefined;
  const bench = await startBenchEmulator(timeScale, { fixedDurationSeconds: 30 }, () => {
    if (startedAt > 0 && firstRequestAt === undefined) {
      firstRequestAt = Date.now();
    }
  });
  let plugin: ProviderPlugin | undefined;
  try {
    const [job] = await prepareJobs(bench, [10]);
    const providerText = await serializedProviderText();
    const env = providerEnv(bench.emu);

    startedAt = Date.now();
    plugin = await ProviderPlugin.start({
      cwd: REPOSITORY_ROOT,
      env,
      // The plugin needs an engine address argument but does not connect to it for these calls.
      engineAddress: "127.0.0.1:0",
      onLine: () => undefined,
    });
    const listeningMs = Date.now() - startedAt;
    await plugin.configure({}, {});
    const news = { ...jobInputs(bench, job, 30), __provider: providerText };
    const checked = await plugin.check(URN, {}, news);
    if (checked.failures.length > 0) {
      const reasons = checked.failures.map((failure) => failure.reason).join("; ");
      throw new Error(`Check of the startup job failed: ${reasons}`);
    }
    const created = await plugin.create(URN, checked.inputs);
    if (firstRequestAt === undefined) {
      throw new Error("The plugin created the job without any request reaching the emulator.");
    }
    return {
      providerTextBytes: Buffer.byteLength(providerText),
      firstRequestMs: firstRequestAt - startedAt,
      listeningMs,
      jobStatus: String(created.outputs.jobStatus),
    };
  } finally {
    await plugin?.close();
    await bench.emu.close();
  }
}
