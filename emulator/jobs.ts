import type { IndexDocumentStatus, IndexJobStatus } from "../provider/client/types";
import type { IndexRecord, JobDocumentRecord, JobRecord } from "./model";

// Index jobs run on the simulated clock without timers: a job is PENDING for `pendingMs`, then
// RUNNING for `runningMs`, and its documents finish one after another, evenly spread over the
// running time. Every status is computed from the submission time when it is read.

/** How long simulated index jobs take. */
export interface JobTiming {
  /** Seconds a job stays PENDING before it starts. */
  pendingSeconds?: number;
  /** Seconds of RUNNING time per document. */
  secondsPerDocument?: number;
  /** Lower bound of the RUNNING time, in seconds, however few documents the job has. */
  minRunningSeconds?: number;
  /** When set, every job takes exactly this many seconds from submission to its end. */
  fixedDurationSeconds?: number;
}

export const DEFAULT_JOB_TIMING: Required<Omit<JobTiming, "fixedDurationSeconds">> = {
  pendingSeconds: 2,
  secondsPerDocument: 1,
  minRunningSeconds: 5,
};

/** Splits a job's duration into its PENDING and RUNNING parts, in milliseconds. */
export function jobDurations(timing: JobTiming, documentCount: number) {
  const pendingSeconds = timing.pendingSeconds ?? DEFAULT_JOB_TIMING.pendingSeconds;
  if (timing.fixedDurationSeconds !== undefined) {
    const pending = Math.min(pendingSeconds, timing.fixedDurationSeconds);
    return {
      pendingMs: pending * 1000,
      runningMs: (timing.fixedDurationSeconds - pending) * 1000,
    };
  }
  const perDocument = timing.secondsPerDocument ?? DEFAULT_JOB_TIMING.secondsPerDocument;
  const minRunning = timing.minRunningSeconds ?? DEFAULT_JOB_TIMING.minRunningSeconds;
  return {
    pendingMs: pendingSeconds * 1000,
    runningMs: Math.max(minRunning, perDocument * documentCount) * 1000,
  };
}

/** Validates a timing before it is used, naming the field and the value. */
export function checkJobTiming(timing: JobTiming): void {
  for (const [name, value] of Object.entries(timing)) {
    if (
      value !== undefined &&
      (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    ) {
      throw new Error(
        `jobTiming.${name} must be a finite number of seconds of 0 or more; got ${String(value)}.`,
      );
    }
  }
}

export function jobEndsAt(job: JobRecord): number {
  return job.submittedAt + job.pendingMs + job.runningMs;
}

/** Simulated time at which document `position` of a job with `count` documents leaves RUNNING. */
export function documentFinishesAt(
  job: Pick<JobRecord, "submittedAt" | "pendingMs" | "runningMs">,
  count: number,
  position: number,
): number {
  const share = Math.ceil((job.runningMs * (position + 1)) / count);
  return job.submittedAt + job.pendingMs + share;
}

export function jobStatus(job: JobRecord, now: number): IndexJobStatus {
  if (now < job.submittedAt + job.pendingMs) {
    return "PENDING";
  }
  if (now < jobEndsAt(job)) {
    return "RUNNING";
  }
  return jobFailed(job) ? "FAILED" : "COMPLETED";
}

/** Returns true when the job was forced to fail or every one of its documents failed. */
export function jobFailed(job: JobRecord): boolean {
  if (job.forcedFailure) {
    return true;
  }
  return job.documents.length > 0 && job.documents.every((document) => document.error);
}

export interface DocumentView {
  status: IndexDocumentStatus;
  code: string;
  message: string;
  gmtModified: number;
}

/** Status of one document of a job at `now`, taking deletions from the index into account. */
export function documentView(
  job: JobRecord,
  position: number,
  index: IndexRecord | undefined,
  now: number,
): DocumentView {
  const document: JobDocumentRecord = job.documents[position];
  const finishedAt = documentFinishesAt(job, job.documents.length, position);
  if (now < finishedAt) {
    return { status: "RUNNING", code: "", message: "", gmtModified: job.submittedAt };
  }
  const deletedAt = index?.deletedDocuments[document.id];
  if (deletedAt !== undefined && deletedAt >= finishedAt && deletedAt <= now) {
    return { status: "DELETED", code: "", message: "", gmtModified: deletedAt };
  }
  if (document.error) {
    return { status: "INSERT_ERROR", ...document.error, gmtModified: finishedAt };
  }
  return { status: "FINISH", code: "", message: "", gmtModified: finishedAt };
}
