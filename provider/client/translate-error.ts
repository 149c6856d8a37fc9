// Turns what @alicloud/openapi-client 0.4.15 throws into this package's error classes.
// For HTTP 4xx and 5xx the SDK throws a ResponseError whose `data` is the parsed error body plus
// `statusCode`. Timeouts arrive as httpx `RequestTimeoutError`, refused or dropped connections as
// Node socket errors, and a body that is not a JSON object as a SyntaxError or as the message
// "The value is not a object". Only named fields are copied, never `data` itself or the request.
import { BailianApiError, BailianNetworkError, type NetworkFailure } from "./errors";

/** Details of the failed call that the translation needs. */
export interface FailedCallContext {
  operation: string;
  host: string;
  readTimeoutMs: number;
  connectTimeoutMs: number;
  /** Values to cut out of any text copied from the server or from an error. */
  secrets: readonly string[];
}

const SOCKET_ERROR_CODES = new Set([
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Converts an SDK error into a BailianApiError, a BailianNetworkError or a plain Error. */
export function translateSdkError(error: unknown, context: FailedCallContext): Error {
  // Duck typing, not instanceof: Node's socket errors come from another realm under jest.
  if (!isRecord(error) || typeof error.message !== "string") {
    return new Error(`${context.operation} failed: ${redact(String(error), context.secrets)}`);
  }
  const fields = error as unknown as Error & {
    code?: unknown;
    data?: unknown;
    statusCode?: unknown;
  };

  if (typeof fields.statusCode === "number" && isRecord(fields.data)) {
    // NOTE: @alicloud/openapi-client 0.4.15 keeps no response headers on this error, so
    // x-acs-retry-after is lost and retryAfterMs stays unset for HTTP 4xx and 5xx. Only HTTP 200
    // failure replies carry it.
    return apiErrorFromBody(context, fields.statusCode, fields.data);
  }

  const failure = classifyNetworkFailure(fields, fields.code);
  if (failure !== undefined) {
    const detail = describeFailure(failure, context, fields.message, fields.code);
    return new BailianNetworkError(context.operation, failure, detail);
  }

  return new Error(`${context.operation} failed: ${redact(fields.message, context.secrets)}`);
}

/** Builds the error for a reply whose body reports a failure. */
export function apiErrorFromBody(
  context: FailedCallContext,
  httpStatus: number,
  body: Record<string, unknown>,
  retryAfterHeader?: unknown,
): BailianApiError {
  const code = firstString(body.Code, body.code) ?? "Unknown";
  const message = firstString(body.Message, body.message) ?? "the reply carried no message";
  return new BailianApiError({
    operation: context.operation,
    httpStatus,
    code: redact(code, context.secrets),
    apiMessage: redact(message, context.secrets),
    requestId: firstString(body.RequestId, body.requestId),
    retryAfterMs: parseRetryAfter(retryAfterHeader),
  });
}

/** Reads `x-acs-retry-after`, which Alibaba sends as a number of milliseconds. */
export function parseRetryAfter(value: unknown): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== "string" && typeof text !== "number") {
    return undefined;
  }
  const milliseconds = Number(text);
  return Number.isFinite(milliseconds) && milliseconds >= 0 ? milliseconds : undefined;
}

/** Replaces each secret, and any `Signature=<hex>` pair, with a placeholder. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text.replace(/Signature=[0-9a-fA-F]+/g, "Signature=<redacted>");
  for (const secret of secrets) {
    if (secret.length > 0) {
      result = result.split(secret).join("<redacted>");
    }
  }
  return result;
}

function classifyNetworkFailure(error: Error, code: unknown): NetworkFailure | undefined {
  if (error.name === "RequestTimeoutError") {
    return "Timeout";
  }
  if (error.name === "SyntaxError" || error.message === "The value is not a object") {
    return "MalformedResponse";
  }
  if (code === "ECONNREFUSED") {
    return "ConnectionRefused";
  }
  if (code === "ECONNRESET" || /socket hang up/i.test(error.message)) {
    return "ConnectionReset";
  }
  if (typeof code === "string" && SOCKET_ERROR_CODES.has(code)) {
    return "NetworkError";
  }
  return undefined;
}

function describeFailure(
  failure: NetworkFailure,
  context: FailedCallContext,
  message: string,
  code: unknown,
): string {
  const readSeconds = context.readTimeoutMs / 1000;
  switch (failure) {
    case "Timeout":
      return message.startsWith("ConnectTimeout")
        ? `connecting to ${context.host} timed out after ${context.connectTimeoutMs / 1000} s`
        : `no reply from ${context.host} within the read timeout of ${readSeconds} s`;
    case "ConnectionRefused":
      return (
        `the connection to ${context.host} was refused; ` +
        "check the endpoint and that the server is running"
      );
    case "ConnectionReset":
      return `the connection to ${context.host} was closed before a reply arrived`;
    case "MalformedResponse":
      return `the reply from ${context.host} was not a JSON object`;
    case "NetworkError":
      return `the request to ${context.host} failed with ${String(code)}`;
  }
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (typeof value === "string" && value !== "") {
      return value;
    }
    if (typeof value === "number") {
      return String(value);
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
