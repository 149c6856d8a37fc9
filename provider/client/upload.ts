// Upload of a file's bytes to the URL of an ApplyFileUploadLease reply. The URL is pre-signed
// (an OSS URL in the cloud, the emulator locally), so this request carries no Alibaba signature:
// it uses exactly the lease's method and headers, plus the Host and Content-Length that HTTP needs.
import * as http from "node:http";
import * as https from "node:https";
import { BailianApiError, BailianInputError, BailianNetworkError } from "./errors";
import type { ApplyFileUploadLeaseData } from "./types";

const OPERATION = "UploadToLease";
/** Cap on the error body kept for the message; upload errors are short XML or JSON documents. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

/** Sends `content` to the lease URL and resolves when the server replies with HTTP 2xx. */
export async function uploadToLease(
  lease: ApplyFileUploadLeaseData,
  content: Uint8Array | string,
  timeoutMs: number,
): Promise<void> {
  const url = parseLeaseUrl(lease.Param?.Url);
  const body = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  const headers: Record<string, string | number> = { ...lease.Param.Headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-length")) {
    headers["Content-Length"] = body.length;
  }

  const { status, text } = await send(url, lease.Param.Method, headers, body, timeoutMs);
  if (status < 200 || status > 299) {
    throw new BailianApiError({
      operation: OPERATION,
      httpStatus: status,
      code: matchErrorField(text, "Code") ?? "UploadFailed",
      apiMessage: matchErrorField(text, "Message") ?? "the upload server rejected the file",
      requestId: matchErrorField(text, "RequestId"),
    });
  }
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string | number>,
  body: Buffer,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method, headers, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ERROR_BODY_BYTES) {
          chunks.push(chunk);
        }
      });
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", (error) => reject(networkError(url, error)));
    });
    request.on("timeout", () => {
      request.destroy();
      reject(
        new BailianNetworkError(
          OPERATION,
          "Timeout",
          `no reply from ${url.host} within ${timeoutMs / 1000} s`,
        ),
      );
    });
    request.on("error", (error) => reject(networkError(url, error)));
    request.end(body);
  });
}

function parseLeaseUrl(value: unknown): URL {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new BailianInputError(
      "Param.Url",
      `${OPERATION}: the lease URL ${JSON.stringify(value)} is not an http(s) URL; ` +
        "pass the Data object of an ApplyFileUploadLease reply.",
    );
  }
  return url;
}

function networkError(url: URL, error: Error & { code?: string }): BailianNetworkError {
  if (error.code === "ECONNREFUSED") {
    return new BailianNetworkError(
      OPERATION,
      "ConnectionRefused",
      `the connection to ${url.host} was refused`,
    );
  }
  if (error.code === "ECONNRESET" || /socket hang up/i.test(error.message)) {
    return new BailianNetworkError(
      OPERATION,
      "ConnectionReset",
      `the connection to ${url.host} was closed before a reply arrived`,
    );
  }
  const reason = error.code ?? "a network error";
  return new BailianNetworkError(
    OPERATION,
    "NetworkError",
    `sending to ${url.host} failed with ${reason}`,
  );
}

/** Reads `Code`, `Message` or `RequestId` from an XML (OSS style) or JSON error body. */
function matchErrorField(text: string, field: string): string | undefined {
  const xml = new RegExp(`<${field}>([^<]{1,500})</${field}>`).exec(text);
  if (xml) {
    return xml[1];
  }
  const json = new RegExp(`"${field}"\\s*:\\s*"([^"]{1,500})"`).exec(text);
  return json?.[1];
}
