// One benchmark case: a job of N documents that runs D simulated minutes, waited on by this
// provider and by the naive poller, each against its own emulator.
import {
  prepareJobs,
  providerEnv,
  SIMULATED_INTERVAL_SECONDS,
  startBenchEmulator,
  toSimulatedMs,
  type BenchEmulator,
  type PreparedJob,
} from "./fixture";
import { naiveCreate, type NaiveResult } from "./naive";
import { runInChild } from "./provider-process";

/** Simulated minutes the naive poller keeps trying after the job has ended. */
const NAIVE_GRACE_MINUTES = 2;
/** Real milliseconds of headroom for process start and the final document fetch. */
const CHILD_TIMEOUT_SLACK_MS = 60_000;

export interface CaseOptions {
  documents: number;
  durationMinutes: number;
  /** Simulated seconds per real second. */
  timeScale: number;
  /**
   * Whether the naive poller without rate limits runs at the same time as this provider. With
   * many documents it keeps a core busy, which would disturb the provider's timing.
   */
  naiveUnlimitedAlongside?: boolean;
}

export interface RunFigures {
  /**
   * Poll intervals from the end of the job to the first status reply after it, which is the
   * first poll that could see the end. Undefined when no poll came after the end.
   */
  pollLagIntervals?: number;
  /** Poll intervals from the end of the job to create returning; undefined when it never did. */
  lagIntervals?: number;
  statusCalls: number;
  throttled: number;
}

export interface CaseFigures extends CaseOptions {
  ours: RunFigures & { peakRssBytes: number; stateBytesPerDocument: number; jobStatus: string };
  /** The naive poller under the emulator's rate limits: throttling and whether it finished. */
  naiveLimited: RunFigures;
  /** The naive poller with rate limits off: the status calls its polling makes. */
  naiveUnlimited: RunFigures;
}

/** Runs one case and returns its figures. Every emulator is closed before it returns. */
export async function measureCase(options: CaseOptions): Promise<CaseFigures> {
  const durationSeconds = options.durationMinutes * 60;
  const timing = { fixedDurationSeconds: durationSeconds };
  const started: BenchEmulator[] = [];
  const start = async () => {
    const bench = await startBenchEmulator(options.timeScale, timing);
    started.push(bench);
    return bench;
  };
  try {
    const oursBench = await start();
    const limitedBench = await start();
    const unlimitedBench = await start();
    const [oursJob] = await prepareJobs(oursBench, [options.documents]);
    const [limitedJob] = await prepareJobs(limitedBench, [options.documents]);
    const [unlimitedJob] = await prepareJobs(unlimitedBench, [options.documents]);
    unlimitedBench.emu.control.setRateLimits(false);

    const runUnlimited = () => runNaive(unlimitedBench, unlimitedJob, options);
    const alongside = options.naiveUnlimitedAlongside ?? false;
    const [ours, naiveLimited, unlimitedEarly] = await Promise.all([
      runOurs(oursBench, oursJob, options),
      runNaive(limitedBench, limitedJob, options),
      alongside ? runUnlimited() : undefined,
    ]);
    const naiveUnlimited = unlimitedEarly ?? (await runUnlimited());
    return { ...options, ours, naiveLimited, naiveUnlimited };
  } finally {
    await Promise.all(started.map((bench) => bench.emu.close()));
  }
}

/** Inputs of an append job of the prepared files, polled every 5 simulated seconds. */
export function jobInputs(bench: BenchEmulator, job: PreparedJob, durationSeconds: number) {
  const intervalSeconds = SIMULATED_INTERVAL_SECONDS / bench.timeScale;
  return {
    workspaceId: bench.emu.workspaceId,
    indexId: job.indexId,
    documents: { sourceType: "DATA_CENTER_FILE", ids: job.fileIds },
    pollIntervalSeconds: intervalSeconds,
    timeoutSeconds: (durationSeconds * 4) / bench.timeScale + 60,
    connection: { endpoint: bench.emu.endpoint },
  };
}

async function runOurs(bench: BenchEmulator, job: PreparedJob, options: CaseOptions) {
  const durationSeconds = options.durationMinutes * 60;
  const inputs = jobInputs(bench, job, durationSeconds);
  const timeoutMs = ((durationSeconds * 4) / bench.timeScale) * 1000 + CHILD_TIMEOUT_SLACK_MS;
  const reply = await runInChild({ jobs: [inputs] }, providerEnv(bench.emu), timeoutMs);
  const [result] = reply.results;
  if (result.error !== undefined) {
    throw new Error(`IndexJob create of ${options.documents} documents failed: ${result.error}`);
  }
  const figures = runFigures(bench, result.jobId!, result.returnedAtMs, durationSeconds);
  return {
    ...figures,
    peakRssBytes: result.maxRssBytes!,
    stateBytesPerDocument: result.outputBytes! / options.documents,
    jobStatus: result.jobStatus!,
  };
}

async function runNaive(
  bench: BenchEmulator,
  job: PreparedJob,
  options: CaseOptions,
): Promise<RunFigures> {
  const durationSeconds = options.durationMinutes * 60;
  const simulatedTimeoutSeconds = durationSeconds + NAIVE_GRACE_MINUTES * 60;
  const result: NaiveResult = await naiveCreate(
    bench.client,
    { workspaceId: bench.emu.workspaceId, ...job },
    {
      intervalMs: (SIMULATED_INTERVAL_SECONDS * 1000) / bench.timeScale,
      timeoutMs: (simulatedTimeoutSeconds * 1000) / bench.timeScale,
    },
  );
  return runFigures(bench, result.jobId, result.returnedAtMs, durationSeconds);
}

/** Reads the emulator's counters and computes the lag of a wait that ended at `returnedAtMs`. */
function runFigures(
  bench: BenchEmulator,
  jobId: string,
  returnedAtMs: number | undefined,
  durationSeconds: number,
): RunFigures {
  const stats = bench.emu.control.stats();
  const job = bench.emu.control.jobs().find((summary) => summary.jobId === jobId);
  if (job === undefined) {
    throw new Error(`Job ${jobId} is not known to the emulator at ${bench.emu.endpoint}.`);
  }
  const endedAt = job.submittedAt + durationSeconds * 1000;
  const intervalsAfterEnd = (wallMs: number | undefined) =>
    wallMs === undefined
      ? undefined
      : (toSimulatedMs(bench, wallMs) - endedAt) / (SIMULATED_INTERVAL_SECONDS * 1000);
  const firstReplyAfterEnd = bench.statusReplies.find(
    (wallMs) => toSimulatedMs(bench, wallMs) >= endedAt,
  );
  return {
    pollLagIntervals: intervalsAfterEnd(firstReplyAfterEnd),
    lagIntervals: intervalsAfterEnd(returnedAtMs),
    statusCalls: stats.requests.GetIndexJobStatus ?? 0,
    throttled: stats.throttled.GetIndexJobStatus ?? 0,
  };
}
