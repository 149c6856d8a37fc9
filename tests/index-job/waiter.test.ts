import { waitFor, type Decision } from "../../provider/waiter";

/** Steps that replay a scripted list of statuses, one per observation. */
function scripted(statuses: string[]) {
  let position = 0;
  return {
    observe: async () => statuses[Math.min(position++, statuses.length - 1)],
    decide: (status: string): Decision => {
      if (status === "done") return { state: "SUCCESS" };
      if (status === "failed") return { state: "FAILURE", reason: "scripted failure" };
      return { state: "RETRY" };
    },
    observed: () => position,
  };
}

describe(waitFor.name, () => {
  test("ends on success", async () => {
    const steps = scripted(["waiting", "waiting", "done"]);
    const seen: string[] = [];

    const outcome = await waitFor(
      { ...steps, onObservation: (status) => seen.push(status) },
      { pollIntervalSeconds: 0.01, timeoutSeconds: 5 },
    );

    expect(outcome.state).toBe("SUCCESS");
    expect(outcome.last).toBe("done");
    expect(outcome.observations).toBe(3);
    expect(seen).toEqual(["waiting", "waiting", "done"]);
  });

  test("ends on failure with reason", async () => {
    const outcome = await waitFor(scripted(["failed"]), {
      pollIntervalSeconds: 0.01,
      timeoutSeconds: 5,
    });
    expect(outcome.state).toBe("FAILURE");
    expect(outcome.reason).toBe("scripted failure");
  });

  test("times out with last observation", async () => {
    const outcome = await waitFor(scripted(["waiting"]), {
      pollIntervalSeconds: 0.02,
      timeoutSeconds: 0.1,
    });
    expect(outcome.state).toBe("TIMEOUT");
    expect(outcome.last).toBe("waiting");
    expect(outcome.observations).toBeGreaterThanOrEqual(1);
  });

  test("waits one interval when not observing first", async () => {
    const steps = scripted(["done"]);
    const outcome = await waitFor(steps, {
      pollIntervalSeconds: 0.5,
      timeoutSeconds: 0.1,
      observeFirst: false,
    });
    // The timeout passed during the first interval, before any observation.
    expect(outcome.state).toBe("TIMEOUT");
    expect(outcome.observations).toBe(0);
    expect(steps.observed()).toBe(0);
  });

  test("ends when aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const outcome = await waitFor(scripted(["waiting"]), {
      pollIntervalSeconds: 0.01,
      timeoutSeconds: 5,
      signal: controller.signal,
    });
    expect(outcome.state).toBe("ABORTED");
  });

  test("propagates observation errors", async () => {
    const steps = {
      observe: async () => {
        throw new Error("status call failed");
      },
      decide: (): Decision => ({ state: "RETRY" }),
    };
    await expect(waitFor(steps, { pollIntervalSeconds: 0.01, timeoutSeconds: 5 })).rejects.toThrow(
      "status call failed",
    );
  });

  test.each([
    [{ pollIntervalSeconds: 0, timeoutSeconds: 1 }, "pollIntervalSeconds is 0"],
    [{ pollIntervalSeconds: Number.NaN, timeoutSeconds: 1 }, "pollIntervalSeconds is NaN"],
    [{ pollIntervalSeconds: 1, timeoutSeconds: -1 }, "timeoutSeconds is -1"],
  ])("rejects options %o", async (options, message) => {
    await expect(waitFor(scripted(["done"]), options)).rejects.toThrow(message);
  });

  describe("schedule", () => {
    beforeEach(() => {
      jest.useFakeTimers({ now: 0 });
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    /** Runs a wait whose observations take the given milliseconds; returns their start times. */
    async function startTimes(durationsMs: number[], observeFirst = true): Promise<number[]> {
      const starts: number[] = [];
      const steps = {
        observe: async () => {
          starts.push(Date.now());
          await new Promise((resolve) => setTimeout(resolve, durationsMs[starts.length - 1]));
          return starts.length === durationsMs.length ? "done" : "waiting";
        },
        decide: (status: string): Decision =>
          status === "done" ? { state: "SUCCESS" } : { state: "RETRY" },
      };
      const outcome = waitFor(steps, {
        pollIntervalSeconds: 0.1,
        timeoutSeconds: 10,
        observeFirst,
      });
      await jest.advanceTimersByTimeAsync(2000);
      expect((await outcome).state).toBe("SUCCESS");
      return starts;
    }

    test("starts observations at fixed rate", async () => {
      // Each observation takes 30 ms, less than half the 100 ms interval.
      expect(await startTimes([30, 30, 30, 30])).toEqual([0, 100, 200, 300]);
    });

    test("waits one interval first", async () => {
      expect(await startTimes([10, 10], false)).toEqual([100, 200]);
    });

    test("waits full interval after slow observation", async () => {
      // The second observation takes 80 ms (retries), so the third starts 100 ms after it ends.
      expect(await startTimes([10, 80, 10])).toEqual([0, 100, 280]);
    });
  });
});
