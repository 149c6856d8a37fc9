import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { ApiError } from "./errors";

/** Largest request body accepted: the 100,000,000-byte file limit plus room for form encoding. */
const MAX_BODY_BYTES = 101_000_000;

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    request.on("data", (part: Buffer) => {
      size += part.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new ApiError("InvalidParameter", `The request body exceeds ${MAX_BODY_BYTES} bytes.`),
        );
        request.destroy();
        return;
      }
      parts.push(part);
    });
    request.on("end", () => resolve(Buffer.concat(parts)));
    request.on("error", reject);
  });
}

/**
 * Decodes `a=1&b=2` into a map. A `+` stays a plus sign, because the SDKs encode spaces as %20
 * and sign the value they had before encoding.
 */
export function decodeQuery(raw: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of raw.split("&")) {
    if (pair === "") {
      continue;
    }
    const equals = pair.indexOf("=");
    const name = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? "" : pair.slice(equals + 1);
    try {
      values.set(decodeURIComponent(name), decodeURIComponent(value));
    } catch {
      throw new ApiError(
        "InvalidParameter",
        `The query or form parameter ${JSON.stringify(name)} is not valid percent-encoding.`,
      );
    }
  }
  return values;
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** Sends a JSON body with the request id in `x-acs-request-id`. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json;charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "x-acs-request-id": String(body.RequestId ?? ""),
    ...headers,
  });
  response.end(text);
}

/** Sends an Alibaba-style error body: Code, Message, RequestId, HostId and the HTTP status. */
export function sendError(response: ServerResponse, error: ApiError, requestId: string): void {
  sendJson(
    response,
    error.status,
    {
      RequestId: requestId,
      Success: false,
      Code: error.code,
      Message: error.message,
      Status: String(error.status),
      HostId: "127.0.0.1",
    },
    error.headers,
  );
}

export function sendSuccess(response: ServerResponse, data: unknown, requestId: string): void {
  const body: Record<string, unknown> = {
    RequestId: requestId,
    Success: true,
    Code: "Success",
    Message: "success",
    Status: "200",
  };
  if (data !== undefined) {
    body.Data = data;
  }
  sendJson(response, 200, body);
}

/** Query parameters plus the fields of a form or flat JSON body; the body wins on a clash. */
export function mergeParameters(
  query: Map<string, string>,
  request: IncomingMessage,
  body: Buffer,
): Map<string, string> {
  const merged = new Map(query);
  if (body.length === 0) {
    return merged;
  }
  const type = (request.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) {
    decodeQuery(body.toString("utf8")).forEach((value, name) => merged.set(name, value));
  } else if (type.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw new ApiError("InvalidParameter", "The JSON request body is not valid JSON.");
    }
    for (const [name, value] of Object.entries((parsed ?? {}) as Record<string, unknown>)) {
      merged.set(name, typeof value === "string" ? value : JSON.stringify(value));
    }
  }
  return merged;
}

export function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
