import {
  BURST_CALLS,
  CLOUD_WINDOW_MS,
  QUOTA_CALLS_PER_WINDOW,
  REFILL_CALLS_PER_WINDOW,
  TokenBucket,
  quotaWindowMs,
  statusCallBucket,
} from "../../provider/index-job/status-quota";
import type { IndexJobOutputs } from "../../provider/index-job/types";
import { calls, checked, jobInputs, seedFiles, startHarness } from "./harness";

const CLOUD_INTERVAL_MS = 5000;

/** Creates a bucket sized like the provider's for the cloud, on jest's fake clock. */
function cloudBucket(): TokenBucket {
  return new TokenBucket(BURST_CALLS, CLOUD_WINDOW_MS / REFILL_CALLS_PER_WINDOW, () => Date.now());
}

/** Returns the maximum number of calls in any span of `windowMs` among sorted call times. */
function maxCallsInWindow(times: number[], windowMs: number): number {
  let max = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[last] - times[first] >= windowMs) {
      first += 1;
    }
    max = Math.max(max, last - first + 1);
  }
  return max;
}

describe("status-call quota", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test("window scales below 5 s intervals", () => {
    expect(quotaWindowMs(5)).toBe(60_000);
    expect(quotaWindowMs(30)).toBe(60_000);
    expect(quotaWindowMs(0.05)).toBeCloseTo(600);
    expect(BURST_CALLS + REFILL_CALLS_PER_WINDOW).toBe(QUOTA_CALLS_PER_WINDOW);
  });

  test("single job never waits", async () => {
    jest.useFakeTimers();
    const bucket = cloudBucket();
    const waits: boolean[] = [];

    for (let poll = 0; poll < 120; poll += 1) {
      waits.push(await bucket.take());
      await jest.advanceTimersByTimeAsync(CLOUD_INTERVAL_MS);
    }
    // The fetch of every document after the terminal poll.
    waits.push(await bucket.take());

    expect(waits).toHaveLength(121);
    expect(waits.filter(Boolean)).toEqual([]);
  });

  test("single scaled job never waits", async () => {
    jest.useFakeTimers();
    const intervalSeconds = 0.05;
    const refillMs = quotaWindowMs(intervalSeconds) / REFILL_CALLS_PER_WINDOW;
    const bucket = new TokenBucket(BURST_CALLS, refillMs, () => Date.now());
    const waits: boolean[] = [];

    for (let poll = 0; poll < 200; poll += 1) {
      waits.push(await bucket.take());
      await jest.advanceTimersByTimeAsync(intervalSeconds * 1000);
    }

    expect(waits.filter(Boolean)).toEqual([]);
  });

  test("20 concurrent jobs stay within quota", async () => {
    jest.useFakeTimers();
    const bucket = cloudBucket();
    const start = Date.now();
    const durationMs = 10 * CLOUD_WINDOW_MS;
    const callTimes: number[][] = Array.from({ length: 20 }, () => []);

    const poll = async (job: number) => {
      while (Date.now() - start < durationMs) {
        await bucket.take();
        callTimes[job].push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, CLOUD_INTERVAL_MS));
      }
    };
    const jobs = Promise.all(callTimes.map((_, job) => poll(job)));
    await jest.advanceTimersByTimeAsync(durationMs + 2 * CLOUD_WINDOW_MS);
    await jobs;

    const all = callTimes.flat().sort((a, b) => a - b);
    const inTenWindows = all.filter((time) => time - start < durationMs);
    expect(maxCallsInWindow(all, CLOUD_WINDOW_MS)).toBeLessThanOrEqual(QUOTA_CALLS_PER_WINDOW);
    expect(inTenWindows.length).toBeLessThanOrEqual(BURST_CALLS + 10 * REFILL_CALLS_PER_WINDOW);
    // The bucket is the bottleneck, so it should hand out nearly every token it refills.
    expect(inTenWindows.length).toBeGreaterThanOrEqual(10 * REFILL_CALLS_PER_WINDOW);
  });

  test("no job starves among 20", async () => {
    jest.useFakeTimers();
    const bucket = cloudBucket();
    const start = Date.now();
    const durationMs = 10 * CLOUD_WINDOW_MS;
    const callTimes: number[][] = Array.from({ length: 20 }, () => []);

    const poll = async (job: number) => {
      while (Date.now() - start < durationMs) {
        await bucket.take();
        callTimes[job].push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, CLOUD_INTERVAL_MS));
      }
    };
    const jobs = Promise.all(callTimes.map((_, job) => poll(job)));
    await jest.advanceTimersByTimeAsync(durationMs + 2 * CLOUD_WINDOW_MS);
    await jobs;

    const counts = callTimes.map((times) => times.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    // First come, first served: a job waits at most one token per other job, plus its interval.
    const refillMs = CLOUD_WINDOW_MS / REFILL_CALLS_PER_WINDOW;
    const longestAllowedGap = 20 * refillMs + CLOUD_INTERVAL_MS;
    for (const times of callTimes) {
      const gaps = times.slice(1).map((time, position) => time - times[position]);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(longestAllowedGap);
    }
  });

  test("drain makes the next call wait", async () => {
    jest.useFakeTimers();
    const bucket = cloudBucket();
    expect(await bucket.take()).toBe(false);

    bucket.drain();
    let waited: boolean | undefined;
    void bucket.take().then((result) => (waited = result));
    await jest.advanceTimersByTimeAsync(CLOUD_WINDOW_MS / REFILL_CALLS_PER_WINDOW - 10);
    expect(waited).toBeUndefined();
    expect(bucket.queueLength).toBe(1);
    await jest.advanceTimersByTimeAsync(20);
    expect(waited).toBe(true);
  });

  test("jobs of one workspace share a bucket", () => {
    const first = statusCallBucket("quota-test.invalid", "ws-1", 5);
    expect(statusCallBucket("quota-test.invalid", "ws-1", 10)).toBe(first);
    expect(statusCallBucket("quota-test.invalid", "ws-2", 5)).not.toBe(first);
    expect(statusCallBucket("other.invalid", "ws-1", 5)).not.toBe(first);
  });
});

describe("status-call quota against the emulator", () => {
  test("20 concurrent creates are never throttled", async () => {
    const harness = await startHarness({ pendingSeconds: 1, secondsPerDocument: 1 });
    try {
      const jobs: Record<string, unknown>[] = [];
      for (let job = 0; job < 20; job += 1) {
        const texts = Array.from(
          { length: 3 + job },
          (_, position) => `job ${job} text ${position}`,
        );
        const fileIds = seedFiles(harness, texts);
        const created = await harness.client.createIndex(harness.emu.workspaceId, {
          Name: `quota-${job}`,
          StructureType: "unstructured",
          SinkType: "BUILT_IN",
        });
        const indexId = created.Id;
        const documents = { sourceType: "DATA_CENTER_FILE", ids: fileIds };
        jobs.push(await checked(harness, jobInputs(harness, indexId, { documents })));
      }
      harness.emu.control.setRateLimits(true);
      harness.emu.control.resetStats();

      const results = await Promise.all(jobs.map((inputs) => harness.provider.create(inputs)));

      const outputs = results.map((result) => result.outs as IndexJobOutputs);
      expect(outputs.map((output) => output.jobStatus)).toEqual(Array(20).fill("COMPLETED"));
      expect(harness.emu.control.stats().throttled.GetIndexJobStatus ?? 0).toBe(0);
      expect(calls(harness, "GetIndexJobStatus")).toBeGreaterThanOrEqual(40);
    } finally {
      await harness.close();
    }
  });
});
