// Twenty IndexJob creates running at once in one process, as the plugin runs the creates of
// independent resources, against one workspace whose GetIndexJobStatus quota is 20 a minute.
import { prepareJobs, providerEnv, startBenchEmulator, toSimulatedMs } from "./fixture";
import { jobInputs } from "./measure";
import { runInChild } from "./provider-process";

export const JOB_COUNT = 20;
/** Simulated running seconds per document; job i has 10 * (i + 1) documents. */
const SECONDS_PER_DOCUMENT = 9;
const CHILD_TIMEOUT_SLACK_MS = 60_000;

export interface TwentyJobsFigures {
  jobs: number;
  /** Simulated seconds of the shortest and the longest job. */
  shortestSeconds: number;
  longestSeconds: number;
  /** From the first submit to the last create returning, in simulated seconds. */
  totalSeconds: number;
  /** totalSeconds / longestSeconds. */
  multipleOfLongest: number;
  statusCalls: number;
  throttled: number;
  failures: string[];
}

/**
 * Runs 20 append jobs of 10, 20, ... 200 documents, which take 1.5 to 30 simulated minutes, in
 * one child process, and measures the total time against the longest job.
 */
export async function measureTwentyJobs(timeScale: number): Promise<TwentyJobsFigures> {
  const timing = {
    pendingSeconds: 0,
    minRunningSeconds: 0,
    secondsPerDocument: SECONDS_PER_DOCUMENT,
  };
  const bench = await startBenchEmulator(timeScale, timing);
  try {
    const counts = Array.from({ length: JOB_COUNT }, (_, job) => 10 * (job + 1));
    const durations = counts.map((count) => count * SECONDS_PER_DOCUMENT);
    const longestSeconds = Math.max(...durations);
    const prepared = await prepareJobs(bench, counts);
    const jobs = prepared.map((job, position) => jobInputs(bench, job, durations[position]));
    const timeoutMs = ((longestSeconds * 4) / timeScale) * 1000 + CHILD_TIMEOUT_SLACK_MS;

    const reply = await runInChild({ jobs }, providerEnv(bench.emu), timeoutMs);

    const failures = reply.results.flatMap((result) => result.error ?? []);
    const firstSubmit = Math.min(...bench.emu.control.jobs().map((job) => job.submittedAt));
    const lastReturn = Math.max(
      ...reply.results.map((result) => toSimulatedMs(bench, result.returnedAtMs)),
    );
    const totalSeconds = (lastReturn - firstSubmit) / 1000;
    const stats = bench.emu.control.stats();
    return {
      jobs: JOB_COUNT,
      shortestSeconds: Math.min(...durations),
      longestSeconds,
      totalSeconds,
      multipleOfLongest: totalSeconds / longestSeconds,
      statusCalls: stats.requests.GetIndexJobStatus ?? 0,
      throttled: stats.throttled.GetIndexJobStatus ?? 0,
      failures,
    };
  } finally {
    await bench.emu.close();
  }
}
