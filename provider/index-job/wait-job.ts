// Waiting for a submitted job: one small GetIndexJobStatus page per poll for the status, plus
// progress counts from ListIndexDocuments, which spends no GetIndexJobStatus quota.
import type { IndexJobStatus } from "../client/types";
import { waitFor, type Decision, type WaitOutcome } from "../waiter";
import type { IndexJobApi } from "./api";
import { ProgressReporter } from "./progress";
import type { IndexJobInputs } from "./types";

/** Index document counts taken before a submit, so progress counts only the new documents. */
export interface Baseline {
  finished: number;
  failed: number;
  all: number;
}

export interface JobProgress {
  finished: number;
  failed: number;
  total?: number;
}

export interface JobObservation {
  status: IndexJobStatus;
  progress?: JobProgress;
}

export interface WaitForJobOptions {
  /** False right after a submit, because the first status would only be PENDING. */
  observeFirst: boolean;
  /** Without a baseline (a resumed wait), progress lines carry the status only. */
  baseline?: Baseline;
  /** Documents the job ingests, when known in advance (an append of listed files). */
  expectedTotal?: number;
  /** Receives every observation, so a caller knows the last one even when the wait throws. */
  onObservation?: (observation: JobObservation) => void;
}

const JOB_STATUSES: readonly string[] = ["PENDING", "RUNNING", "COMPLETED", "FAILED"];

/** Polls the job until it is COMPLETED or FAILED or the timeout passes. */
export async function waitForJob(
  api: IndexJobApi,
  inputs: IndexJobInputs,
  jobId: string,
  options: WaitForJobOptions,
): Promise<WaitOutcome<JobObservation>> {
  const reporter = new ProgressReporter(`index job ${jobId}`);

  const observe = async (): Promise<JobObservation> => {
    const [page, progress] = await Promise.all([
      api.jobStatus(jobId, 1),
      options.baseline ? readProgress(api, options.baseline, options.expectedTotal) : undefined,
    ]);
    return { status: page.Status, progress };
  };

  const decide = (observation: JobObservation): Decision => {
    if (observation.status === "COMPLETED") {
      return { state: "SUCCESS" };
    }
    if (observation.status === "FAILED") {
      return { state: "FAILURE", reason: "the job ended FAILED" };
    }
    return { state: "RETRY" };
  };

  const onObservation = (observation: JobObservation) => {
    if (!JOB_STATUSES.includes(observation.status)) {
      reporter.warn(`GetIndexJobStatus returned the unexpected status "${observation.status}"`);
    }
    reporter.report(observation.status, observation.progress);
    options.onObservation?.(observation);
  };

  return waitFor(
    { observe, decide, onObservation },
    {
      pollIntervalSeconds: inputs.pollIntervalSeconds,
      timeoutSeconds: inputs.timeoutSeconds,
      observeFirst: options.observeFirst,
    },
  );
}

/** Progress since the baseline; undefined when a count call fails, which only skips a line. */
async function readProgress(
  api: IndexJobApi,
  baseline: Baseline,
  expectedTotal: number | undefined,
): Promise<JobProgress | undefined> {
  try {
    const [finished, failed, all] = await Promise.all([
      api.countDocuments("FINISH", false),
      api.countDocuments("INSERT_ERROR", false),
      expectedTotal === undefined ? api.countDocuments(undefined, false) : undefined,
    ]);
    return {
      finished: Math.max(0, finished - baseline.finished),
      failed: Math.max(0, failed - baseline.failed),
      total: expectedTotal ?? Math.max(0, (all ?? 0) - baseline.all),
    };
  } catch {
    return undefined;
  }
}
