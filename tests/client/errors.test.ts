// Failure replies from the emulator surface as BailianApiError or BailianNetworkError with the
// right flags, and no rendering of an error contains the AccessKey secret or security token.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Emulator } from "../../emulator";
import {
  BailianApiError,
  BailianNetworkError,
  isNotFoundError,
  isThrottlingError,
  type BailianClient,
} from "../../provider/client";
import { clientFor, rejectionOf, renderingsOf, startLoggedEmulator } from "./helpers";

const SECRET = "client-test-secret-0123456789";
const TOKEN = "client-test-sts-token-abcdef";

let emulator: Emulator;
let client: BailianClient;
let workspace: string;

beforeEach(async () => {
  ({ emulator } = await startLoggedEmulator({
    accessKeyId: "LTAIclienttest",
    accessKeySecret: SECRET,
    securityToken: TOKEN,
    rateLimits: false,
  }));
  client = clientFor(emulator, {
    credentials: { accessKeyId: "LTAIclienttest", accessKeySecret: SECRET, securityToken: TOKEN },
  });
  workspace = emulator.workspaceId;
});

afterEach(async () => {
  await emulator.close();
});

function expectNoSecrets(error: unknown): void {
  for (const text of renderingsOf(error)) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
  }
}

async function apiErrorOf(promise: Promise<unknown>): Promise<BailianApiError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(BailianApiError);
  expectNoSecrets(error);
  return error as BailianApiError;
}

async function networkErrorOf(promise: Promise<unknown>): Promise<BailianNetworkError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(BailianNetworkError);
  expectNoSecrets(error);
  return error as BailianNetworkError;
}

function statusRequest() {
  return client.getIndexJobStatus(workspace, { IndexId: "idx-missing", JobId: "job-1" });
}

describe("BailianApiError", () => {
  it("reports 404 as not found", async () => {
    const error = await apiErrorOf(statusRequest());
    expect(error.operation).toBe("GetIndexJobStatus");
    expect(error.httpStatus).toBe(404);
    expect(error.code).toBe("Index.NotFound");
    expect(error.requestId).toMatch(/\S+/);
    expect(error.retryable).toBe(false);
    expect(error.notFound).toBe(true);
    expect(isNotFoundError(error)).toBe(true);
    const apiMessage = error.apiMessage.replace(/\.$/, "");
    expect(error.message).toBe(
      `GetIndexJobStatus failed with HTTP 404 Index.NotFound: ${apiMessage} ` +
        `(request id ${error.requestId})`,
    );
  });

  it("reports 403 for a forbidden workspace", async () => {
    emulator.control.addWorkspace("llm-forbidden", { forbidden: true });
    const error = await apiErrorOf(client.listIndices("llm-forbidden"));
    expect(error.httpStatus).toBe(403);
    expect(error.code).toMatch(/Forbidden$/);
    expect(error.retryable).toBe(false);
    expect(error.notFound).toBe(false);
  });

  it("reports 400 for an invalid parameter", async () => {
    const error = await apiErrorOf(
      client.createIndex(workspace, {
        Name: "bad-chunks",
        StructureType: "unstructured",
        SinkType: "BUILT_IN",
        SourceType: "DATA_CENTER_FILE",
        DocumentIds: ["file-1"],
        ChunkSize: 7000,
      }),
    );
    expect(error.httpStatus).toBe(400);
    expect(error.code).toMatch(/InvalidParameter$/);
    expect(error.apiMessage).toContain("ChunkSize");
    expect(error.retryable).toBe(false);
  });

  it("reports a wrong secret without leaking either secret", async () => {
    const wrongSecret = "wrong-secret-value-987654321";
    const wrong = clientFor(emulator, {
      credentials: {
        accessKeyId: "LTAIclienttest",
        accessKeySecret: wrongSecret,
        securityToken: TOKEN,
      },
    });
    const error = await apiErrorOf(wrong.listIndices(workspace));
    expect(error.httpStatus).toBe(400);
    expect(error.code).toBe("SignatureDoesNotMatch");
    expect(error.retryable).toBe(false);
    for (const text of renderingsOf(error)) {
      expect(text).not.toContain(wrongSecret);
      expect(text).not.toMatch(/Signature=[0-9a-f]{16}/);
    }
  });

  it("reports throttling as retryable", async () => {
    emulator.control.injectFault({ operation: "GetIndexJobStatus", kind: "throttle" });
    const error = await apiErrorOf(statusRequest());
    expect(error.httpStatus).toBe(429);
    expect(error.code).toBe("Throttling.User");
    expect(error.retryable).toBe(true);
    expect(isThrottlingError(error)).toBe(true);
    // NOTE: @alicloud/openapi-client 0.4.15 drops the headers of a 4xx reply. The emulator's
    // x-acs-retry-after header is therefore lost here, and only a 200 reply can carry it.
    expect(error.retryAfterMs).toBeUndefined();
  });

  it.each([500, 503])("reports HTTP %i as retryable", async (status) => {
    emulator.control.injectFault({ operation: "*", kind: "server-error", status });
    const error = await apiErrorOf(client.listIndices(workspace));
    expect(error.httpStatus).toBe(status);
    expect(error.retryable).toBe(true);
    expect(isThrottlingError(error)).toBe(false);
  });
});

describe("BailianNetworkError", () => {
  it("reports a dropped connection", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "drop" });
    const error = await networkErrorOf(client.listIndices(workspace));
    expect(error.code).toBe("ConnectionReset");
    expect(error.operation).toBe("ListIndices");
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      `ListIndices failed: the connection to ${emulator.host} was closed before a reply arrived`,
    );
  });

  it("reports a body that is not JSON", async () => {
    emulator.control.injectFault({ operation: "ListIndices", kind: "malformed" });
    const error = await networkErrorOf(client.listIndices(workspace));
    expect(error.code).toBe("MalformedResponse");
    expect(error.retryable).toBe(true);
  });

  it("reports a reply slower than the read timeout", async () => {
    const impatient = clientFor(emulator, {
      readTimeoutSeconds: 0.2,
      credentials: { accessKeyId: "LTAIclienttest", accessKeySecret: SECRET, securityToken: TOKEN },
    });
    emulator.control.injectFault({ operation: "ListIndices", kind: "slow", delayMs: 1500 });
    const error = await networkErrorOf(impatient.listIndices(workspace));
    expect(error.code).toBe("Timeout");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("within the read timeout of 0.2 s");
  });

  it("reports a refused connection", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const closed = clientFor(emulator, {
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: "LTAIclienttest", accessKeySecret: SECRET },
    });
    const error = await networkErrorOf(closed.listIndices(workspace));
    expect(error.code).toBe("ConnectionRefused");
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });
});

describe("BailianClient rendering", () => {
  it("shows no credentials after a call", async () => {
    await client.listIndices(workspace);
    for (const text of renderingsOf(client)) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
    }
  });
});
