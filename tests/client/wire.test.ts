// Bytes on the wire, captured by a plain node:http server on 127.0.0.1 that records each request
// and replies with a scripted response. The emulator's request log shows only method and path, so
// parameter placement, list encoding and headers are checked here.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BailianApiError,
  BailianClient,
  BailianNetworkError,
  withRetry,
  type ApplyFileUploadLeaseData,
} from "../../provider/client";
import { rejectionOf, renderingsOf } from "./helpers";

interface CapturedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

const SUCCESS: ScriptedReply = {
  status: 200,
  body: JSON.stringify({ RequestId: "RID-OK", Success: true, Code: "Success", Data: { Id: "x" } }),
};

let server: Server;
let captured: CapturedRequest[];
let reply: ScriptedReply;
let client: BailianClient;

beforeEach(async () => {
  captured = [];
  reply = SUCCESS;
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      captured.push({
        method: request.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      response.writeHead(reply.status, {
        "content-type": "application/json;charset=utf-8",
        ...reply.headers,
      });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  client = new BailianClient({
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: "LTAIwire", accessKeySecret: "wire-secret" },
  });
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function only(): CapturedRequest {
  expect(captured).toHaveLength(1);
  return captured[0];
}

describe("query operations", () => {
  it("send lists as JSON text in the query", async () => {
    await client.createIndex("llm-ws1", {
      Name: "kb",
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
      SourceType: "DATA_CENTER_FILE",
      DocumentIds: ["file_1", "file_2"],
      ChunkSize: 300,
      EnableRewrite: false,
    });
    const request = only();
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/llm-ws1/index/create");
    expect(request.query.get("DocumentIds")).toBe('["file_1","file_2"]');
    expect(request.query.has("DocumentIds.1")).toBe(false);
    expect(request.query.get("ChunkSize")).toBe("300");
    expect(request.query.get("EnableRewrite")).toBe("false");
    expect(request.body.length).toBe(0);
    expect(request.headers["content-type"]).toBeUndefined();
  });

  it("send the lower-case pageSize of GetIndexJobStatus", async () => {
    await client.getIndexJobStatus("llm-ws1", {
      IndexId: "idx-1",
      JobId: "job-1",
      PageNumber: 2,
      pageSize: 50,
    });
    const request = only();
    expect(request.method).toBe("GET");
    expect(request.path).toBe("/llm-ws1/index/job/status");
    expect([...request.query.keys()].sort()).toEqual([
      "IndexId",
      "JobId",
      "PageNumber",
      "pageSize",
    ]);
    expect(request.query.get("pageSize")).toBe("50");
  });

  it("join Images with commas and other lists as JSON", async () => {
    await client.retrieve("llm-ws1", {
      IndexId: "idx-1",
      Query: "what is it?",
      Images: ["https://a.example/1.png", "https://a.example/2.png"],
      SearchFilters: [{ tag: "docs" }],
      QueryHistory: [{ role: "user", content: "hi" }],
    });
    const request = only();
    expect(request.query.get("Images")).toBe("https://a.example/1.png,https://a.example/2.png");
    expect(request.query.get("SearchFilters")).toBe('[{"tag":"docs"}]');
    expect(request.query.get("QueryHistory")).toBe('[{"role":"user","content":"hi"}]');
    expect(request.query.get("Query")).toBe("what is it?");
  });

  it("keep the trailing slash and no query for DeleteFile", async () => {
    await client.deleteFile("llm-ws1", { FileId: "file_9.a~b" });
    const request = only();
    expect(request.method).toBe("DELETE");
    expect(request.path).toBe("/llm-ws1/datacenter/file/file_9.a~b/");
    expect([...request.query.keys()]).toEqual([]);
  });
});

describe("form operations", () => {
  it("send fields in a form body, lists as JSON", async () => {
    await client.addFile("llm-ws1", {
      LeaseId: "lease-1",
      Parser: "DASHSCOPE_DOCMIND",
      CategoryId: "default",
      Tags: ["a", "b"],
    });
    const request = only();
    expect(request.method).toBe("PUT");
    expect(request.path).toBe("/llm-ws1/datacenter/file");
    expect([...request.query.keys()]).toEqual([]);
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(request.body.toString("utf8"));
    expect(form.get("LeaseId")).toBe("lease-1");
    expect(form.get("Tags")).toBe('["a","b"]');
  });

  it("put the category in the lease path, not the body", async () => {
    await client.applyFileUploadLease("llm-ws1", {
      CategoryId: "cate_1",
      FileName: "guide.pdf",
      Md5: "0123456789abcdef0123456789abcdef",
      SizeInBytes: 42,
    });
    const request = only();
    expect(request.path).toBe("/llm-ws1/datacenter/category/cate_1");
    const form = new URLSearchParams(request.body.toString("utf8"));
    expect(form.has("CategoryId")).toBe(false);
    expect(form.get("SizeInBytes")).toBe("42");
  });

  it("keep the trailing slash of AddCategory", async () => {
    await client.addCategory("llm-ws1", { CategoryName: "docs", CategoryType: "UNSTRUCTURED" });
    expect(only().path).toBe("/llm-ws1/datacenter/category/");
  });
});

describe("signed headers", () => {
  it("carry action, version and an ACS3 signature", async () => {
    await client.listIndices("llm-ws1");
    const headers = only().headers;
    expect(headers["x-acs-action"]).toBe("ListIndices");
    expect(headers["x-acs-version"]).toBe("2023-12-29");
    expect(headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAIwire,/);
    expect(headers["x-acs-security-token"]).toBeUndefined();
  });

  it("pass an STS token through", async () => {
    const port = (server.address() as AddressInfo).port;
    const sts = new BailianClient({
      endpoint: `127.0.0.1:${port}`,
      protocol: "http",
      credentials: { accessKeyId: "STS.wire", accessKeySecret: "s", securityToken: "tok-123" },
    });
    await sts.listIndices("llm-ws1");
    const headers = only().headers;
    expect(headers["x-acs-security-token"]).toBe("tok-123");
    expect(headers["x-acs-accesskey-id"]).toBe("STS.wire");
  });
});

describe("failure replies", () => {
  it("turn HTTP 200 with Success false into an error", async () => {
    reply = {
      status: 200,
      headers: { "x-acs-retry-after": "1500" },
      body: JSON.stringify({
        RequestId: "RID-1",
        Success: false,
        Code: "Throttling.User",
        Message: "Requests throttling triggered.",
      }),
    };
    const error = await rejectionOf(client.listIndices("llm-ws1"));
    expect(error).toBeInstanceOf(BailianApiError);
    const apiError = error as BailianApiError;
    expect(apiError.httpStatus).toBe(200);
    expect(apiError.retryAfterMs).toBe(1500);
    expect(apiError.retryable).toBe(true);
    expect(apiError.message).toBe(
      "ListIndices failed with HTTP 200 Throttling.User: Requests throttling triggered " +
        "(request id RID-1)",
    );
  });

  it("give withRetry the server's retry-after", async () => {
    reply = {
      status: 200,
      headers: { "x-acs-retry-after": "40" },
      body: JSON.stringify({ RequestId: "RID-3", Success: false, Code: "Throttling.User" }),
    };
    const delays: number[] = [];
    await withRetry(() => client.listIndices("llm-ws1"), {
      retries: 1,
      minDelayMs: 1,
      maxDelayMs: 100,
      onRetry: (_error, _attempt, delayMs) => {
        delays.push(delayMs);
        reply = SUCCESS;
      },
    });
    expect(delays).toEqual([40]);
    expect(captured).toHaveLength(2);
  });

  it("cut a secret echoed by the server", async () => {
    reply = {
      status: 400,
      body: JSON.stringify({
        RequestId: "RID-2",
        Code: "SignatureDoesNotMatch",
        Message: "key wire-secret gave Signature=0123abcdef0123abcdef",
      }),
    };
    const error = await rejectionOf(client.listIndices("llm-ws1"));
    expect((error as BailianApiError).apiMessage).toBe("key <redacted> gave Signature=<redacted>");
    for (const text of renderingsOf(error)) {
      expect(text).not.toContain("wire-secret");
      expect(text).not.toContain("0123abcdef0123abcdef");
    }
  });

  it("report an HTML gateway page as malformed", async () => {
    reply = { status: 502, body: "<html>502 Bad Gateway</html>" };
    const error = await rejectionOf(client.listIndices("llm-ws1"));
    expect(error).toBeInstanceOf(BailianNetworkError);
    expect((error as BailianNetworkError).code).toBe("MalformedResponse");
  });
});

describe("uploadToLease", () => {
  function leaseFor(path: string): ApplyFileUploadLeaseData {
    const port = (server.address() as AddressInfo).port;
    return {
      FileUploadLeaseId: "lease-1",
      Type: "HTTP",
      Param: {
        Method: "PUT",
        Url: `http://127.0.0.1:${port}${path}?Expires=1&Signature=abc`,
        Headers: { "X-bailian-extra": "ZXh0cmE=", "Content-Type": "application/octet-stream" },
      },
    };
  }

  it("sends the bytes with the lease's method and headers", async () => {
    await client.uploadToLease(leaseFor("/upload/lease-1"), Buffer.from("file bytes"));
    const request = only();
    expect(request.method).toBe("PUT");
    expect(request.path).toBe("/upload/lease-1");
    expect(request.query.get("Signature")).toBe("abc");
    expect(request.headers["x-bailian-extra"]).toBe("ZXh0cmE=");
    expect(request.headers["content-type"]).toBe("application/octet-stream");
    expect(request.headers["content-length"]).toBe("10");
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body.toString("utf8")).toBe("file bytes");
  });

  it("reports a rejected upload with the server's code", async () => {
    reply = {
      status: 403,
      body: "<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>",
    };
    const error = await rejectionOf(client.uploadToLease(leaseFor("/upload/x"), "data"));
    expect(error).toBeInstanceOf(BailianApiError);
    expect(error.message).toBe(
      "UploadToLease failed with HTTP 403 AccessDenied: Request has expired",
    );
    expect(error.message).not.toContain("Signature=abc");
  });
});
