import Client from "@alicloud/bailian20231229";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, captureError, officialClient } from "./helpers";

describe("emulator fault injection", () => {
  let emulator: Emulator;
  let client: Client;

  beforeEach(async () => {
    emulator = await startEmulator({ rateLimits: false });
    client = officialClient(emulator);
  });

  afterEach(async () => {
    await emulator.close();
  });

  const list = (target: Client = client) =>
    target.listIndices(emulator.workspaceId, new $Bailian.ListIndicesRequest({}));

  test("server-error surfaces as ServerError with the status", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "server-error", status: 500 });
    const error = await captureError(list());
    expect(error.name).toBe("ServerError");
    expect(error.statusCode).toBe(500);
    expect(error.code).toBe("InternalError");
  });

  test("server-error defaults to 503", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "server-error" });
    const error = await captureError(list());
    expect(error.statusCode).toBe(503);
    expect(error.code).toBe("ServiceUnavailable");
  });

  test("throttle surfaces as ThrottlingError with retryAfter", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "throttle" });
    const error = await captureError(list());
    expect(error.name).toBe("ThrottlingError");
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("Throttling.User");
    expect(error.retryAfter).toBe(1000);
    expect(emulator.control.stats().throttled.ListIndices).toBe(1);
  });

  test("slow beyond the read timeout surfaces as RequestTimeoutError", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "slow", delayMs: 2000 });
    const impatient = new Client(
      new $OpenApiUtil.Config({
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
        endpoint: emulator.host,
        protocol: "http",
        readTimeout: 200,
      }),
    );
    const error = await captureError(list(impatient));
    expect(error.name).toBe("RequestTimeoutError");
  });

  test("slow within the read timeout still succeeds", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "slow", delayMs: 50 });
    const response = await list();
    expect(response.body!.success).toBe(true);
  });

  test("drop surfaces as a socket hang up", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "drop" });
    const error = await captureError(list());
    expect(error.code).toBe("ECONNRESET");
  });

  test("malformed surfaces as a SyntaxError", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "malformed" });
    const error = await captureError(list());
    expect(error.name).toBe("SyntaxError");
  });

  test("count limits a rule to the next calls", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "server-error", count: 2 });
    await captureError(list());
    await captureError(list());
    const third = await list();
    expect(third.body!.success).toBe(true);
    expect(emulator.control.stats().faults).toBe(2);
  });

  test("a rule for one operation leaves others alone", async () => {
    emulator.control.injectFault({ operation: "GetIndexJobStatus", kind: "server-error" });
    const response = await list();
    expect(response.body!.success).toBe(true);
  });

  test("operation * matches every operation", async () => {
    emulator.control.injectFault({ operation: "*", kind: "server-error", count: 1 });
    const error = await captureError(list());
    expect(error.statusCode).toBe(503);
  });

  test("probability 0 never fires and probability 1 always does", async () => {
    emulator.control.injectFault({
      operation: "ListIndices",
      kind: "server-error",
      probability: 0,
    });
    expect((await list()).body!.success).toBe(true);
    emulator.control.clearFaults();
    emulator.control.injectFault({
      operation: "ListIndices",
      kind: "server-error",
      probability: 1,
    });
    for (let i = 0; i < 3; i += 1) {
      expect((await captureError(list())).statusCode).toBe(503);
    }
    emulator.control.clearFaults();
    expect((await list()).body!.success).toBe(true);
  });

  test("admin path injects and clears faults", async () => {
    const added = await fetch(`${emulator.endpoint}/_emulator/faults`, {
      method: "POST",
      body: JSON.stringify({
        operation: "ListIndices",
        kind: "server-error",
        status: 502,
        count: 5,
      }),
    });
    expect(added.status).toBe(200);
    expect((await captureError(list())).statusCode).toBe(502);
    await fetch(`${emulator.endpoint}/_emulator/faults`, { method: "DELETE" });
    expect((await list()).body!.success).toBe(true);
    const stats = (await (await fetch(`${emulator.endpoint}/_emulator/stats`)).json()) as {
      faults: number;
      requests: Record<string, number>;
    };
    expect(stats.faults).toBe(1);
    expect(stats.requests.ListIndices).toBe(2);
  });

  test("admin path rejects an invalid rule", async () => {
    const response = await fetch(`${emulator.endpoint}/_emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ operation: "ListIndices", kind: "explode" }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { Message: string };
    expect(body.Message).toContain("kind");
  });

  test("injectFault rejects a bad probability", () => {
    expect(() =>
      emulator.control.injectFault({ operation: "*", kind: "drop", probability: 2 }),
    ).toThrow("probability must be from 0 to 1");
  });
});
