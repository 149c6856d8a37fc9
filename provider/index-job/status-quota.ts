// A process-wide limiter for GetIndexJobStatus. According to the API documentation, status polls
// should be 5 s or more apart, and more than about 20 calls a minute may be throttled. The
// Pulumi engine runs the creates of independent resources concurrently in one plugin process, so
// every status call of this provider takes a token from one bucket per endpoint and workspace.
//
// Sizing: a bucket contains at most BURST_CALLS (5) tokens and gains REFILL_CALLS_PER_WINDOW (15)
// tokens per window, so no span of one window contains more than 5 + 15 = 20 calls. That stays
// within a server quota of 20 per window whether the server counts with a token bucket or a
// sliding window. One job polling once per interval uses 12 of the 15 added tokens, so on the
// happy path it never waits, not even for the extra call that fetches its documents at the end.
//
// Time base: against the cloud the poll interval is at least 5 s and the window is 60 s. A
// loopback endpoint (the emulator, whose clock runs faster) may poll more often, and the window
// shrinks in proportion: window = 60 s * min(1, pollIntervalSeconds / 5), so the quota is always
// "20 calls per 12 minimum intervals".

/** Maximum status calls per workspace in any span of one window. */
export const QUOTA_CALLS_PER_WINDOW = 20;
/** Tokens in a full bucket, which is also the number of calls that may go out back to back. */
export const BURST_CALLS = 5;
/** Tokens added per window. BURST_CALLS plus this number is the quota. */
export const REFILL_CALLS_PER_WINDOW = QUOTA_CALLS_PER_WINDOW - BURST_CALLS;
/** Quota window of the cloud API, in milliseconds. */
export const CLOUD_WINDOW_MS = 60_000;
/** The poll interval the cloud window belongs to, in seconds. */
const CLOUD_MIN_INTERVAL_SECONDS = 5;

/** Returns the quota window for a poll interval: 60 s, shrunk in proportion below 5 s. */
export function quotaWindowMs(pollIntervalSeconds: number): number {
  return CLOUD_WINDOW_MS * Math.min(1, pollIntervalSeconds / CLOUD_MIN_INTERVAL_SECONDS);
}

/**
 * A token bucket whose callers wait in first-come, first-served order, so that no caller starves
 * while others keep arriving. Waiting callers hold no token, and one timer wakes the queue when
 * the next token is due.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param capacity maximum number of tokens, which is also the largest burst.
   * @param refillMs milliseconds per added token.
   * @param now monotonic clock in milliseconds, which tests replace with a fake one.
   */
  constructor(
    readonly capacity: number,
    private refillMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /**
   * Takes one token, waiting for it when the bucket is empty or others wait already. Resolves
   * to true when the call had to wait.
   */
  take(): Promise<boolean> {
    this.refill();
    if (this.waiting.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      this.waiting.push(() => resolve(true));
      this.schedule();
    });
  }

  /** Empties the bucket, e.g. after the server throttled a call that the bucket let through. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Slows the refill to `refillMs` per token when that is slower than the current rate. */
  slowTo(refillMs: number): void {
    if (refillMs > this.refillMs) {
      this.refill();
      this.refillMs = refillMs;
    }
  }

  /** Number of callers waiting for a token. */
  get queueLength(): number {
    return this.waiting.length;
  }

  private refill(): void {
    const now = this.now();
    const added = (now - this.updatedAt) / this.refillMs;
    this.tokens = Math.min(this.capacity, this.tokens + added);
    this.updatedAt = now;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiting.length === 0) {
      return;
    }
    // A small tolerance keeps floating-point rounding from scheduling a 0 ms timer in a loop.
    const missing = Math.max(0, 1 - this.tokens - 1e-9);
    const delayMs = Math.ceil(missing * this.refillMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.release();
    }, delayMs);
  }

  private release(): void {
    this.refill();
    while (this.waiting.length > 0 && this.tokens >= 1 - 1e-9) {
      this.tokens -= 1;
      this.waiting.shift()!();
    }
    this.schedule();
  }
}

const buckets = new Map<string, TokenBucket>();

/**
 * Returns the status-call bucket shared by every job of `host` and `workspaceId` in this process.
 * When jobs of one workspace use different windows (only possible against a loopback endpoint),
 * the bucket keeps the slowest refill rate asked for.
 */
export function statusCallBucket(
  host: string,
  workspaceId: string,
  pollIntervalSeconds: number,
): TokenBucket {
  const refillMs = quotaWindowMs(pollIntervalSeconds) / REFILL_CALLS_PER_WINDOW;
  const key = `${host}/${workspaceId}`;
  let bucket = buckets.get(key);
  if (bucket === undefined) {
    bucket = new TokenBucket(BURST_CALLS, refillMs);
    buckets.set(key, bucket);
  } else {
    bucket.slowTo(refillMs);
  }
  return bucket;
}
