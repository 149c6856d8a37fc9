// Retries of a Bailian call with jittered exponential backoff, built on p-retry. Only errors
// whose `retryable` flag is set are retried: throttling, HTTP 429 and 5xx, network failures.
// Authentication, permission, validation and not-found errors are thrown at once. A caller whose
// operation is not idempotent can narrow this further with `shouldRetry: isThrottlingError`.
import pRetry from "p-retry";
import { BailianApiError, isRetryableError } from "./errors";

export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. Default 4. */
  retries?: number;
  /** Backoff before the first retry, in milliseconds, before jitter. Default 1000. */
  minDelayMs?: number;
  /** Maximum of any one delay in milliseconds, a server's retry-after included. Default 30000. */
  maxDelayMs?: number;
  /**
   * Narrows which retryable errors are retried; an error that is not retryable is never retried,
   * whatever this returns.
   */
  shouldRetry?: (error: Error) => boolean;
  /** Called before each retry's delay starts, for logging; `attempt` is the failed one, from 1. */
  onRetry?: (error: Error, attempt: number, delayMs: number) => void;
  /** Stops waiting and rejects with the signal's reason when aborted. */
  signal?: AbortSignal;
}

const DEFAULTS = { retries: 4, minDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Runs `fn` until it succeeds, fails with an error that is not retryable, or has failed
 * `retries + 1` times; the last error is thrown unchanged. Delay n (from 1) is drawn uniformly
 * from [d/2, d] with d = min(maxDelayMs, minDelayMs * 2^(n-1)), then raised to the error's
 * `retryAfterMs` when the server sent one, and capped at maxDelayMs.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const settings = checkOptions(options);
  const shouldRetry = (error: Error): boolean =>
    isRetryableError(error) && (options.shouldRetry?.(error) ?? true);

  return pRetry(fn, {
    retries: settings.retries,
    // The delay is computed and awaited in onFailedAttempt, so p-retry's own backoff is zero.
    minTimeout: 0,
    maxTimeout: 0,
    signal: options.signal,
    shouldRetry: ({ error }) => shouldRetry(error),
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft === 0 || !shouldRetry(error)) {
        return;
      }
      const delayMs = retryDelayMs(attemptNumber, error, settings);
      options.onRetry?.(error, attemptNumber, delayMs);
      await sleep(delayMs, options.signal);
    },
  });
}

/** Computes the delay before retry number `attempt` (from 1), as withRetry documents. */
export function retryDelayMs(
  attempt: number,
  error: unknown,
  settings: Required<Pick<RetryOptions, "minDelayMs" | "maxDelayMs">>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  const retryAfterMs = error instanceof BailianApiError ? (error.retryAfterMs ?? 0) : 0;
  return Math.round(Math.min(settings.maxDelayMs, Math.max(jittered, retryAfterMs)));
}

function checkOptions(options: RetryOptions): typeof DEFAULTS {
  const settings = {
    retries: options.retries ?? DEFAULTS.retries,
    minDelayMs: options.minDelayMs ?? DEFAULTS.minDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(
        `withRetry: ${name} must be a finite number of at least 0, got ${value}.`,
      );
    }
  }
  if (!Number.isInteger(settings.retries)) {
    throw new RangeError(`withRetry: retries must be a whole number, got ${settings.retries}.`);
  }
  if (settings.maxDelayMs < settings.minDelayMs) {
    throw new RangeError(
      `withRetry: maxDelayMs (${settings.maxDelayMs}) must not be below minDelayMs ` +
        `(${settings.minDelayMs}).`,
    );
  }
  return settings;
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
