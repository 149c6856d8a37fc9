// withRetry against injected emulator faults, and the delay formula with the jitter pinned.
import type { Emulator } from "../../emulator";
import {
  BailianApiError,
  BailianNetworkError,
  isThrottlingError,
  retryDelayMs,
  withRetry,
  type BailianClient,
} from "../../provider/client";
import { clientFor, rejectionOf, startLoggedEmulator } from "./helpers";

let emulator: Emulator;
let client: BailianClient;
let retries: { attempt: number; delayMs: number; error: Error }[];

beforeEach(async () => {
  ({ emulator } = await startLoggedEmulator({ rateLimits: false }));
  client = clientFor(emulator);
  retries = [];
});

afterEach(async () => {
  await emulator.close();
});

function listIndicesCalls(): number {
  return emulator.control.stats().requests.ListIndices ?? 0;
}

function listWithRetry(options: Parameters<typeof withRetry>[1] = {}) {
  return withRetry(() => client.listIndices(emulator.workspaceId), {
    minDelayMs: 5,
    maxDelayMs: 20,
    onRetry: (error, attempt, delayMs) => retries.push({ error, attempt, delayMs }),
    ...options,
  });
}

describe("withRetry", () => {
  it("retries throttling, then succeeds", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "throttle", count: 2 });
    const data = await listWithRetry({ retries: 3 });
    expect(data.Indices).toEqual([]);
    expect(listIndicesCalls()).toBe(3);
    expect(retries.map((retry) => retry.attempt)).toEqual([1, 2]);
    expect(retries.every((retry) => isThrottlingError(retry.error))).toBe(true);
  });

  it("retries a dropped connection", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "drop" });
    await listWithRetry({ retries: 1 });
    expect(retries).toHaveLength(1);
    expect(retries[0].error).toBeInstanceOf(BailianNetworkError);
  });

  it("does not retry not found", async () => {
    const error = await rejectionOf(
      withRetry(
        () => client.getIndexJobStatus(emulator.workspaceId, { IndexId: "idx-0", JobId: "j-0" }),
        { retries: 3, minDelayMs: 5, onRetry: () => retries.push({} as never) },
      ),
    );
    expect((error as BailianApiError).httpStatus).toBe(404);
    expect(emulator.control.stats().requests.GetIndexJobStatus).toBe(1);
    expect(retries).toEqual([]);
  });

  it("gives up after the retry budget", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "throttle", count: 10 });
    const error = await rejectionOf(listWithRetry({ retries: 2 }));
    expect(error).toBeInstanceOf(BailianApiError);
    expect((error as BailianApiError).code).toBe("Throttling.User");
    expect(listIndicesCalls()).toBe(3);
    expect(retries).toHaveLength(2);
  });

  it("lets shouldRetry narrow to throttling", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "server-error", status: 500 });
    const error = await rejectionOf(listWithRetry({ retries: 3, shouldRetry: isThrottlingError }));
    expect((error as BailianApiError).httpStatus).toBe(500);
    expect(listIndicesCalls()).toBe(1);
  });

  it("never retries what is not retryable", async () => {
    let calls = 0;
    const error = await rejectionOf(
      withRetry(
        async () => {
          calls += 1;
          throw new Error("plain failure");
        },
        { retries: 3, minDelayMs: 1, shouldRetry: () => true },
      ),
    );
    expect(error.message).toBe("plain failure");
    expect(calls).toBe(1);
  });

  it.each([
    [{ retries: -1 }, "retries"],
    [{ retries: 1.5 }, "retries must be a whole number"],
    [{ minDelayMs: Number.NaN }, "minDelayMs"],
    [{ minDelayMs: 100, maxDelayMs: 10 }, "maxDelayMs (10) must not be below minDelayMs (100)"],
  ])("rejects options %p", async (options, text) => {
    const error = await rejectionOf(withRetry(async () => 1, options));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toContain(text);
  });
});

describe("retryDelayMs", () => {
  const settings = { minDelayMs: 100, maxDelayMs: 1000 };
  const throttled = (retryAfterMs?: number) =>
    new BailianApiError({
      operation: "ListIndices",
      httpStatus: 429,
      code: "Throttling.User",
      apiMessage: "Requests throttling triggered.",
      retryAfterMs,
    });

  it("doubles per attempt within the jitter range", () => {
    // Attempt n has ceiling min(1000, 100 * 2^(n-1)); the delay lies in [ceiling/2, ceiling].
    expect(retryDelayMs(1, throttled(), settings, () => 0)).toBe(50);
    expect(retryDelayMs(1, throttled(), settings, () => 1)).toBe(100);
    expect(retryDelayMs(3, throttled(), settings, () => 1)).toBe(400);
    expect(retryDelayMs(6, throttled(), settings, () => 0)).toBe(500);
    expect(retryDelayMs(6, throttled(), settings, () => 1)).toBe(1000);
  });

  it("waits at least the server's retry-after", () => {
    expect(retryDelayMs(1, throttled(700), settings, () => 0)).toBe(700);
  });

  it("caps the retry-after at maxDelayMs", () => {
    expect(retryDelayMs(1, throttled(60_000), settings, () => 0)).toBe(1000);
  });
});
