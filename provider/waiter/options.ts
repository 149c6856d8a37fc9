/** Poll interval, timeout and abort signal of one wait. */
export interface WaiterOptions {
  /** Seconds between the starts of two observations; greater than 0. */
  pollIntervalSeconds: number;
  /** Seconds after the start at which the wait ends with a TIMEOUT outcome; 0 or more. */
  timeoutSeconds: number;
  /**
   * Whether the first observation happens at once. Default true; false waits one interval first,
   * which saves a call when the awaited work has only just been started.
   */
  observeFirst?: boolean;
  /** Ends the wait early with an ABORTED outcome. */
  signal?: AbortSignal;
}

/**
 * Rejects options that cannot describe a wait. Callers validate user input earlier with a
 * friendlier message, so a failure here is a programming error.
 */
export function validateWaiterOptions(options: WaiterOptions): void {
  const { pollIntervalSeconds, timeoutSeconds } = options;
  if (!Number.isFinite(pollIntervalSeconds) || pollIntervalSeconds <= 0) {
    throw new RangeError(
      `pollIntervalSeconds is ${pollIntervalSeconds}; expected a finite number greater than 0`,
    );
  }
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) {
    throw new RangeError(
      `timeoutSeconds is ${timeoutSeconds}; expected a finite number of 0 or more`,
    );
  }
}
