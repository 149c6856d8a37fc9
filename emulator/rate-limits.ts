import { ApiError } from "./errors";

// Per-operation token buckets in simulated time. Limits follow the API reference: CreateIndex
// 10 calls/s, AddCategory and ListFile 5 calls/s, GetIndexJobStatus 20 calls/min per workspace.
// DescribeFile's documented 15 s between polls is relaxed to 60 calls/min per file.

interface Limit {
  calls: number;
  perMs: number;
  /** Bucket key beyond the workspace, e.g. the file id for DescribeFile. */
  scope?: "file";
}

const LIMITS: Record<string, Limit> = {
  CreateIndex: { calls: 10, perMs: 1000 },
  AddCategory: { calls: 5, perMs: 1000 },
  ListFile: { calls: 5, perMs: 1000 },
  GetIndexJobStatus: { calls: 20, perMs: 60_000 },
  DescribeFile: { calls: 60, perMs: 60_000, scope: "file" },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  enabled = true;

  /**
   * Takes one token for the call or throws `Throttling.User`; `toRealMs` converts the simulated
   * wait into the real milliseconds sent in `x-acs-retry-after`.
   */
  take(
    action: string,
    workspaceId: string,
    resourceId: string,
    now: number,
    toRealMs: (simulatedMs: number) => number,
  ): void {
    const limit = LIMITS[action];
    if (!this.enabled || !limit) {
      return;
    }
    const key = `${action}/${workspaceId}/${limit.scope === "file" ? resourceId : ""}`;
    const bucket = this.refill(key, limit, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const waitMs = Math.ceil(((1 - bucket.tokens) * limit.perMs) / limit.calls);
    throw new ApiError("Throttling.User", "Requests throttling triggered.", {
      "x-acs-retry-after": String(toRealMs(waitMs)),
    });
  }

  reset(): void {
    this.buckets.clear();
  }

  private refill(key: string, limit: Limit, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit.calls, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(limit.calls, bucket.tokens + (elapsed * limit.calls) / limit.perMs);
    bucket.updatedAt = now;
    return bucket;
  }
}
