/** The verdict on one observation: done, failed, or keep waiting. */
export type Decision =
  { state: "SUCCESS" } | { state: "FAILURE"; reason: string } | { state: "RETRY" };

/** The end state of a wait, kept as data so that only the provider boundary makes it an error. */
export interface WaitOutcome<TObservation> {
  state: "SUCCESS" | "FAILURE" | "TIMEOUT" | "ABORTED";
  /** The latest observation; undefined when the wait ended before the first one. */
  last?: TObservation;
  /** Set for FAILURE: why the observation counts as failed. */
  reason?: string;
  observations: number;
  elapsedSeconds: number;
}
