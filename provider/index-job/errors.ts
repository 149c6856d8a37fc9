// Errors the IndexJob provider raises. When an error carries `id` and `properties`, the
// dynamic-provider host reports the resource as created but not initialized. The engine then
// keeps the resource with those outputs and calls `update` on the next `pulumi up`, which resumes
// the same job instead of submitting a new one. API errors before any submit come from the client
// unchanged.
import { describeCounts, describeFailedDocuments } from "./documents";
import type { IndexJobOutputs } from "./types";

/** Base of the errors raised after a job was submitted; keeps the resource in the stack. */
export abstract class IndexJobError extends Error {
  /** The resource id, which the host reads to keep the resource. */
  readonly id: string;
  /** The outputs recorded for the kept resource. */
  readonly properties: IndexJobOutputs;
  /** Extra lines the engine shows under the error. */
  readonly reasons: string[];

  protected constructor(message: string, id: string, properties: IndexJobOutputs) {
    super(message);
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}

function jobLabel(outputs: IndexJobOutputs): string {
  const job = outputs.jobId ? `index job ${outputs.jobId}` : "adopted index work";
  return `${job} on index ${outputs.indexId} in workspace ${outputs.workspaceId}`;
}

/** Document counts seen while waiting. */
type SeenProgress = { total?: number; finished: number; failed: number };

/** Describes the last status, with the counts seen while waiting when there are any. */
function seenState(outputs: IndexJobOutputs, progress: SeenProgress | undefined): string {
  return progress
    ? `status ${outputs.jobStatus}, ${describeCounts(progress)}`
    : `status ${outputs.jobStatus}`;
}

function state(outputs: IndexJobOutputs): string {
  return `status ${outputs.jobStatus}, ${describeCounts(outputs.documentCounts)}`;
}

/** The job ended FAILED, or its documents failed beyond what the failOn policy accepts. */
export class IndexJobFailedError extends IndexJobError {
  override readonly name = "IndexJobFailedError";

  constructor(id: string, outputs: IndexJobOutputs, reason: string) {
    const failed = describeFailedDocuments(outputs.indexedDocuments);
    // Resubmitting helps a job that failed inside the service, but documents that failed on
    // their content fail again until the files are fixed.
    const resubmit = "set retryFailedJob to true to resubmit the job on the next pulumi up";
    const next =
      outputs.jobStatus === "FAILED" && !outputs.retryFailedJob
        ? failed
          ? `${resubmit}, after fixing any file that failed on its content`
          : resubmit
        : "fix the failed files or relax failOn, then run pulumi up again";
    super(
      `${capitalize(jobLabel(outputs))} is not ready because ${reason} ` +
        `(${state(outputs)}${failed ? `; ${failed}` : ""}); ${next}.`,
      id,
      outputs,
    );
  }
}

/** The wait ended before the job did; the job keeps running in Bailian. */
export class IndexJobTimeoutError extends IndexJobError {
  override readonly name = "IndexJobTimeoutError";

  /**
   * @param progress counts seen during the wait, which the recorded outputs do not hold yet
   */
  constructor(
    id: string,
    outputs: IndexJobOutputs,
    waitedSeconds: number,
    progress?: SeenProgress,
  ) {
    const seen = seenState(outputs, progress);
    super(
      `Waiting for ${jobLabel(outputs)} timed out after ${formatSeconds(waitedSeconds)} seconds ` +
        `(timeoutSeconds ${outputs.timeoutSeconds}) with ${seen}; the job continues in ` +
        "Bailian, and the next pulumi up resumes waiting for it (raise timeoutSeconds to wait longer).",
      id,
      outputs,
    );
  }
}

/** An API call failed after the job was submitted; the job id is kept so nothing is resubmitted. */
export class IndexJobInterruptedError extends IndexJobError {
  override readonly name = "IndexJobInterruptedError";
  override readonly cause: unknown;

  /**
   * @param progress counts seen during the wait, which the recorded outputs do not hold yet
   */
  constructor(id: string, outputs: IndexJobOutputs, cause: unknown, progress?: SeenProgress) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      `Waiting for ${jobLabel(outputs)} stopped with ${seenState(outputs, progress)} because ` +
        `${detail}; ` +
        "the next pulumi up resumes waiting for the same job.",
      id,
      outputs,
    );
    this.cause = cause;
  }
}

/** Inputs that `check` would reject reached `create` or `update`; nothing was sent. */
export class IndexJobInputError extends Error {
  override readonly name = "IndexJobInputError";
  readonly failures: { property: string; reason: string }[];

  constructor(failures: { property: string; reason: string }[]) {
    super(`Invalid IndexJob inputs: ${failures.map((failure) => failure.reason).join("; ")}.`);
    this.failures = failures;
  }
}

function formatSeconds(seconds: number): string {
  return seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
