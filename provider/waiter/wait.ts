import pWaitFor from "p-wait-for";
import type { Decision, WaitOutcome } from "./outcome";
import { validateWaiterOptions, type WaiterOptions } from "./options";
import { sleep } from "./sleep";

export interface WaitSteps<TObservation> {
  /** Fetches the current state once; API errors propagate and end the wait. */
  observe: () => Promise<TObservation>;
  /** Classifies one observation as done, failed or not yet. */
  decide: (observation: TObservation) => Decision;
  /** Called after each observation, e.g. to report progress. */
  onObservation?: (observation: TObservation, decision: Decision) => void;
}

/**
 * Observes until `decide` returns SUCCESS or FAILURE, the timeout passes, or the signal aborts.
 *
 * Observations start at a fixed rate, one poll interval apart, so a wait of D seconds makes at
 * most D / interval + 1 observations and notices a change within one interval plus the time of
 * one call. An observation that took more than half an interval (because `observe` retried a
 * failed call) is followed by a full interval, so calls never come closer than that. There is
 * no jitter here: backoff for failed calls belongs inside `observe`.
 */
export async function waitFor<TObservation>(
  steps: WaitSteps<TObservation>,
  options: WaiterOptions,
): Promise<WaitOutcome<TObservation>> {
  validateWaiterOptions(options);

  const intervalMs = options.pollIntervalSeconds * 1000;
  const startedAt = Date.now();
  let nextAt = startedAt + (options.observeFirst === false ? intervalMs : 0);
  let last: TObservation | undefined;
  let observations = 0;
  const finish = (state: WaitOutcome<TObservation>["state"], reason?: string) => ({
    state,
    last,
    reason,
    observations,
    elapsedSeconds: (Date.now() - startedAt) / 1000,
  });

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutSeconds * 1000);
  const signal = options.signal
    ? AbortSignal.any([timeout.signal, options.signal])
    : timeout.signal;

  const observeOnce = async () => {
    await sleep(Math.max(0, nextAt - Date.now()), signal);

    const observedAt = Date.now();
    last = await steps.observe();
    observations += 1;
    const durationMs = Date.now() - observedAt;
    nextAt = durationMs > intervalMs / 2 ? Date.now() + intervalMs : observedAt + intervalMs;

    const decision = steps.decide(last);
    steps.onObservation?.(last, decision);
    if (decision.state === "RETRY") {
      return false;
    }
    const reason = decision.state === "FAILURE" ? decision.reason : undefined;
    return pWaitFor.resolveWith(finish(decision.state, reason));
  };

  try {
    // The delay between observations happens inside observeOnce, so p-wait-for's own interval is 0.
    return await pWaitFor(observeOnce, { interval: 0 });
  } catch (error) {
    if (options.signal?.aborted && error === options.signal.reason) {
      return finish("ABORTED");
    }
    if (timeout.signal.aborted && error === timeout.signal.reason) {
      return finish("TIMEOUT");
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
