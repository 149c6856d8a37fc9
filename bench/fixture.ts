// Emulators and test data for the benchmark: one emulator per measured run, so that each run has
// its own rate-limit buckets and request counters.
import { startEmulator, type Emulator, type JobTiming } from "../emulator";
import { BailianClient } from "../provider/client";

/** The poll interval in simulated seconds, the minimum the cloud API allows. */
export const SIMULATED_INTERVAL_SECONDS = 5;

export interface BenchEmulator {
  emu: Emulator;
  client: BailianClient;
  timeScale: number;
  /** Date.now() at the end of each successful GetIndexJobStatus reply, in order. */
  statusReplies: number[];
}

/**
 * Starts an emulator with rate limits on. `onRequest` receives each line of the request log,
 * which the emulator writes when a reply has been sent.
 */
export async function startBenchEmulator(
  timeScale: number,
  jobTiming: JobTiming,
  onRequest?: (line: string) => void,
): Promise<BenchEmulator> {
  const statusReplies: number[] = [];
  const log = (line: string) => {
    if (line.includes(" GetIndexJobStatus 200 ")) {
      statusReplies.push(Date.now());
    }
    onRequest?.(line);
  };
  const emu = await startEmulator({ timeScale, jobTiming, rateLimits: true, log });
  const client = new BailianClient({
    endpoint: emu.endpoint,
    credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret },
  });
  return { emu, client, timeScale, statusReplies };
}

/** An empty index and the parsed data-center files to append to it. */
export interface PreparedJob {
  indexId: string;
  fileIds: string[];
}

/**
 * Seeds `documentCount` parsed text files and creates an index without sources. Rate limits are
 * off while this runs, then on again with full buckets and zeroed counters.
 */
export async function prepareJobs(
  bench: BenchEmulator,
  documentCounts: number[],
): Promise<PreparedJob[]> {
  const { emu, client } = bench;
  emu.control.setRateLimits(false);
  const prepared: PreparedJob[] = [];
  for (const [job, count] of documentCounts.entries()) {
    const files = Array.from({ length: count }, (_, position) => ({
      name: `quarterly-report-${job}-${String(position).padStart(5, "0")}.txt`,
      content: `Quarterly report ${position} of job ${job}: revenue, costs and outlook.`,
    }));
    const fileIds = emu.control.seedFiles(files);
    const index = await client.createIndex(emu.workspaceId, {
      Name: `bench-${job}`,
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
    });
    prepared.push({ indexId: index.Id, fileIds });
  }
  emu.control.setRateLimits(true);
  emu.control.resetStats();
  bench.statusReplies.length = 0;
  return prepared;
}

/** Environment for a provider process: the emulator's credentials and nothing that points elsewhere. */
export function providerEnv(emu: Emulator): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("ALIBABA_CLOUD_") && !key.startsWith("BAILIAN_")) {
      env[key] = value;
    }
  }
  env.ALIBABA_CLOUD_ACCESS_KEY_ID = emu.accessKeyId;
  env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emu.accessKeySecret;
  return env;
}

/** Converts a wall-clock time (Date.now()) to the emulator's simulated epoch milliseconds. */
export function toSimulatedMs(bench: BenchEmulator, wallMs: number): number {
  return bench.emu.control.now() - (Date.now() - wallMs) * bench.timeScale;
}
