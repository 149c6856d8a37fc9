import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, captureError, officialClient, signedFetch } from "./helpers";
import * as $dara from "@darabonba/typescript";

describe("emulator authentication", () => {
  let emulator: Emulator;
  const logLines: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ log: (line) => logLines.push(line) });
  });

  afterAll(async () => {
    await emulator.close();
  });

  const statusRequest = () => new $Bailian.ListIndicesRequest({});

  test("accepts the official SDK", async () => {
    const response = await officialClient(emulator).listIndices(
      emulator.workspaceId,
      statusRequest(),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body!.success).toBe(true);
  });

  test("rejects a wrong secret", async () => {
    const client = officialClient(emulator, { accessKeySecret: "not-the-secret" });
    const error = await captureError(client.listIndices(emulator.workspaceId, statusRequest()));
    expect(error.name).toBe("ClientError");
    expect(error.code).toBe("SignatureDoesNotMatch");
    expect(error.statusCode).toBe(400);
    expect(error.message).not.toContain(emulator.accessKeySecret);
  });

  test("rejects an unknown AccessKey id", async () => {
    const client = officialClient(emulator, { accessKeyId: "LTAIunknownkey" });
    const error = await captureError(client.listIndices(emulator.workspaceId, statusRequest()));
    expect(error.code).toBe("InvalidAccessKeyId.NotFound");
    expect(error.statusCode).toBe(400);
  });

  test("rejects a date 20 minutes old", async () => {
    const stale = new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const error = await captureError(
      officialClient(emulator).listIndicesWithOptions(
        emulator.workspaceId,
        statusRequest(),
        { "x-acs-date": stale },
        new $dara.RuntimeOptions({}),
      ),
    );
    expect(error.code).toBe("IllegalTimestamp");
    expect(error.statusCode).toBe(400);
  });

  test("accepts a date 10 minutes old", async () => {
    const response = await signedFetch(emulator, {
      method: "GET",
      path: `/${emulator.workspaceId}/index/list_indices`,
      action: "ListIndices",
      date: new Date(Date.now() - 10 * 60_000),
    });
    expect(response.status).toBe(200);
  });

  test("accepts an awkward query value", async () => {
    const response = await officialClient(emulator).listIndices(
      emulator.workspaceId,
      new $Bailian.ListIndicesRequest({ indexName: "kb test!*'()~ 中文+&=" }),
    );
    expect(response.body!.data!.totalCount).toBe(0);
  });

  const path = () => `/${emulator.workspaceId}/index/list_indices`;

  test.each([
    [
      "missing Authorization",
      (h: Record<string, string>) => delete h.authorization,
      "MissingParameter",
    ],
    [
      "unsupported scheme",
      (h: Record<string, string>) =>
        (h.authorization = h.authorization.replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3")),
      "IncompleteSignature",
    ],
    [
      "nonce not signed",
      (h: Record<string, string>) =>
        (h.authorization = h.authorization.replace("x-acs-signature-nonce;", "")),
      "IncompleteSignature",
    ],
    [
      "payload hash mismatch",
      (h: Record<string, string>) => (h["x-acs-content-sha256"] = "0".repeat(64)),
      "SignatureDoesNotMatch",
    ],
    [
      "tampered signature",
      (h: Record<string, string>) =>
        (h.authorization = h.authorization.replace(/Signature=\w{4}/, "Signature=0000")),
      "SignatureDoesNotMatch",
    ],
    [
      "malformed date",
      (h: Record<string, string>) => (h["x-acs-date"] = "yesterday"),
      "IllegalTimestamp",
    ],
  ])("rejects %s", async (_name, tamper, code) => {
    const response = await signedFetch(emulator, {
      method: "GET",
      path: path(),
      action: "ListIndices",
      tamper,
    });
    expect(response.status).toBe(400);
    expect(response.body.Code).toBe(code);
    expect(typeof response.body.Message).toBe("string");
    expect(typeof response.body.RequestId).toBe("string");
  });

  test("rejects a reused nonce", async () => {
    const call = {
      method: "GET",
      path: path(),
      action: "ListIndices",
      nonce: `nonce-${Date.now()}`,
    };
    const first = await signedFetch(emulator, call);
    expect(first.status).toBe(200);
    const again = await signedFetch(emulator, call);
    expect(again.status).toBe(400);
    expect(again.body.Code).toBe("SignatureNonceUsed");
  });

  test("rejects a wrong API version", async () => {
    const response = await signedFetch(emulator, {
      method: "GET",
      path: path(),
      action: "ListIndices",
      version: "2020-01-01",
    });
    expect(response.status).toBe(400);
    expect(response.body.Code).toBe("InvalidVersion");
  });

  test("rejects an unknown action", async () => {
    const response = await signedFetch(emulator, {
      method: "GET",
      path: path(),
      action: "ListKnowledge",
    });
    expect(response.status).toBe(404);
    expect(response.body.Code).toBe("InvalidAction.NotFound");
  });

  test("rejects the wrong method", async () => {
    const response = await signedFetch(emulator, {
      method: "POST",
      path: path(),
      action: "ListIndices",
    });
    expect(response.status).toBe(404);
    expect(response.body.Code).toBe("InvalidAction.NotFound");
  });

  test("rejects DescribeFile without its trailing slash", async () => {
    const response = await signedFetch(emulator, {
      method: "GET",
      path: `/${emulator.workspaceId}/datacenter/file/file_1`,
      action: "DescribeFile",
    });
    expect(response.status).toBe(404);
    expect(response.body.Code).toBe("InvalidAction.NotFound");
  });

  test("never logs the secret or a signature", () => {
    expect(logLines.length).toBeGreaterThan(5);
    const joined = logLines.join("\n");
    expect(joined).not.toContain(emulator.accessKeySecret);
    expect(joined).not.toMatch(/Signature=/);
    expect(joined).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe("emulator STS credentials", () => {
  let emulator: Emulator;
  const sts = {
    accessKeyId: "STS.testkey",
    accessKeySecret: "sts-secret",
    securityToken: "token-123",
  };

  beforeAll(async () => {
    emulator = await startEmulator(sts);
  });

  afterAll(async () => {
    await emulator.close();
  });

  test("accepts the configured token", async () => {
    const response = await officialClient(emulator, sts).listIndices(
      emulator.workspaceId,
      new $Bailian.ListIndicesRequest({}),
    );
    expect(response.body!.success).toBe(true);
  });

  test("rejects a wrong token", async () => {
    const client = officialClient(emulator, { ...sts, securityToken: "token-999" });
    const error = await captureError(
      client.listIndices(emulator.workspaceId, new $Bailian.ListIndicesRequest({})),
    );
    expect(error.code).toBe("InvalidSecurityToken.Malformed");
    expect(error.statusCode).toBe(400);
  });

  test("rejects a missing token", async () => {
    const client = officialClient(emulator, {
      accessKeyId: sts.accessKeyId,
      accessKeySecret: sts.accessKeySecret,
    });
    const error = await captureError(
      client.listIndices(emulator.workspaceId, new $Bailian.ListIndicesRequest({})),
    );
    expect(error.code).toBe("MissingSecurityToken");
  });
});
