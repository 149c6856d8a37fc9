import type { IndexJobStatus } from "../client/types";
import type { DocumentCounts, IndexJobInputs } from "./types";

/** Decides whether the index counts as ready under the failOn policy, with the reason when not. */
export function evaluatePolicy(
  inputs: Pick<IndexJobInputs, "failOn" | "maxFailedRatio">,
  jobStatus: IndexJobStatus,
  counts: DocumentCounts,
): { ready: true } | { ready: false; reason: string } {
  // A job may end FAILED because every one of its documents failed (the emulator does so), as an
  // append job of one bad file then does. Under "failed-ratio" such a job is judged by the ratio
  // over all the resource's documents. A FAILED job without any failed document always fails.
  const judgedByRatio = inputs.failOn === "failed-ratio" && counts.failed > 0;
  if (jobStatus === "FAILED" && !judgedByRatio) {
    return { ready: false, reason: "the job ended FAILED" };
  }
  if (jobStatus !== "COMPLETED" && jobStatus !== "FAILED") {
    return { ready: false, reason: `the job is still ${jobStatus}` };
  }
  if (inputs.failOn === "any-document-error" && counts.failed > 0) {
    return {
      ready: false,
      reason: `${counts.failed} of ${counts.total} documents failed and failOn is "any-document-error"`,
    };
  }
  if (inputs.failOn === "failed-ratio") {
    const ratio = counts.total === 0 ? 0 : counts.failed / counts.total;
    const allowed = inputs.maxFailedRatio ?? 0;
    if (ratio > allowed) {
      return {
        ready: false,
        reason:
          `${counts.failed} of ${counts.total} documents failed, a ratio of ${ratio.toFixed(3)}, ` +
          `above maxFailedRatio ${allowed}`,
      };
    }
  }
  return { ready: true };
}
