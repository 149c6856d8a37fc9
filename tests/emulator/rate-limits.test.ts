import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, captureError, officialClient } from "./helpers";

describe("emulator rate limits", () => {
  let emulator: Emulator;

  afterEach(async () => {
    await emulator.close();
  });

  async function startWithJob(rateLimits: boolean, timeScale = 1) {
    emulator = await startEmulator({ rateLimits, timeScale });
    const client = officialClient(emulator);
    const ws = emulator.workspaceId;
    const [fileId] = emulator.control.seedFiles([{ name: "a.txt", content: "alpha" }]);
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "kb",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
        sourceType: "DATA_CENTER_FILE",
        documentIds: [fileId],
      }),
    );
    const indexId = created.body!.data!.id!;
    const job = await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    const poll = () =>
      client.getIndexJobStatus(
        ws,
        new $Bailian.GetIndexJobStatusRequest({ indexId, jobId: job.body!.data!.id }),
      );
    return { client, ws, poll };
  }

  test("throttles the 21st GetIndexJobStatus in a minute", async () => {
    const { poll } = await startWithJob(true);
    for (let i = 0; i < 20; i += 1) {
      await poll();
    }
    const error = await captureError(poll());
    expect(error.name).toBe("ThrottlingError");
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("Throttling.User");
    expect(error.message).toContain("Requests throttling triggered.");
    // One token returns after 60 s / 20 = 3 simulated seconds, which is 3000 real ms at time scale 1.
    expect(error.retryAfter).toBeGreaterThan(2500);
    expect(error.retryAfter).toBeLessThanOrEqual(3000);
    expect(emulator.control.stats().throttled.GetIndexJobStatus).toBe(1);
  });

  test("refills the bucket in simulated time", async () => {
    const { poll } = await startWithJob(true);
    for (let i = 0; i < 20; i += 1) {
      await poll();
    }
    emulator.control.advance(3);
    const response = await poll();
    expect(response.statusCode).toBe(200);
  });

  test("allows unlimited polls when switched off", async () => {
    const { poll } = await startWithJob(false);
    for (let i = 0; i < 30; i += 1) {
      await poll();
    }
    expect(emulator.control.stats().requests.GetIndexJobStatus).toBe(30);
    expect(emulator.control.stats().throttled.GetIndexJobStatus).toBeUndefined();
  });

  test("switches on at run time", async () => {
    const { poll } = await startWithJob(false);
    emulator.control.setRateLimits(true);
    const results = [];
    for (let i = 0; i < 21; i += 1) {
      results.push(
        await poll().then(
          () => "ok",
          (error: { code: string }) => error.code,
        ),
      );
    }
    expect(results.filter((result) => result === "ok")).toHaveLength(20);
    expect(results[20]).toBe("Throttling.User");
  });

  test("throttles AddCategory above 5 calls per second", async () => {
    // At time scale 0.01 a token takes 20 real seconds to refill, so the burst cannot earn one.
    const { client, ws } = await startWithJob(true, 0.01);
    const add = (i: number) =>
      client.addCategory(
        ws,
        new $Bailian.AddCategoryRequest({ categoryName: `c${i}`, categoryType: "UNSTRUCTURED" }),
      );
    const outcomes = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        add(i).then(
          () => "ok",
          (e: { code: string }) => e.code,
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "Throttling.User")).toHaveLength(1);
  });
});
