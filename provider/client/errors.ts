// Error classes of the Bailian client. Each copies only the fields listed on the class and never
// keeps the SDK's error object, the request, its headers or the credentials. So an AccessKey
// secret, security token or signature cannot reach a message, a log or Pulumi state.

/** Invalid client settings or request values, detected before any request is sent. */
export class BailianInputError extends Error {
  override readonly name = "BailianInputError";

  /** The setting or request field at fault, such as `endpoint` or `IndexId`. */
  readonly property: string;

  constructor(property: string, message: string) {
    super(message);
    this.property = property;
  }
}

/** Fields of a reply from the Bailian API that reported a failure. */
export interface BailianApiErrorFields {
  operation: string;
  /** HTTP status of the reply; 200 when the body carried `Success: false`. */
  httpStatus: number;
  code: string;
  apiMessage: string;
  requestId?: string;
  retryAfterMs?: number;
}

/**
 * A reply from the Bailian API that reported a failure: HTTP 4xx or 5xx, or HTTP 200 with
 * `Success: false` in the body.
 */
export class BailianApiError extends Error {
  override readonly name = "BailianApiError";

  readonly operation: string;
  readonly httpStatus: number;
  /** The API's error code, such as `Index.NotFound` or `Throttling.User`. */
  readonly code: string;
  /** The API's own message text, without the operation, status or request id. */
  readonly apiMessage: string;
  readonly requestId?: string;
  /** Delay the server asked for before a retry, in milliseconds, when it sent one. */
  readonly retryAfterMs?: number;
  /** True for throttling, HTTP 429 and HTTP 5xx; a retry may succeed. */
  readonly retryable: boolean;

  constructor(fields: BailianApiErrorFields) {
    super(formatApiMessage(fields));
    this.operation = fields.operation;
    this.httpStatus = fields.httpStatus;
    this.code = fields.code;
    this.apiMessage = fields.apiMessage;
    this.requestId = fields.requestId;
    this.retryAfterMs = fields.retryAfterMs;
    this.retryable = isRetryableReply(fields.httpStatus, fields.code);
  }

  /**
   * True when the resource named in the request does not exist: HTTP 404 or a `.NotFound` code.
   * Codes starting with `Invalid`, such as `InvalidAccessKeyId.NotFound`, are about the request
   * itself and never count.
   */
  get notFound(): boolean {
    if (this.code.startsWith("Invalid")) {
      return false;
    }
    return this.httpStatus === 404 || this.code.endsWith(".NotFound");
  }
}

/** Kinds of failure in which no usable reply arrived. */
export type NetworkFailure =
  "Timeout" | "ConnectionRefused" | "ConnectionReset" | "MalformedResponse" | "NetworkError";

/**
 * A call that got no usable reply: a connect or read timeout, a refused or dropped connection, or
 * a body that was not a JSON object. `retryable` is always true, but the server may have acted on
 * the request, so an operation that is not idempotent needs a check before it is repeated.
 */
export class BailianNetworkError extends Error {
  override readonly name = "BailianNetworkError";

  readonly operation: string;
  readonly code: NetworkFailure;
  readonly retryable = true;

  constructor(operation: string, code: NetworkFailure, detail: string) {
    super(`${operation} failed: ${detail}`);
    this.operation = operation;
    this.code = code;
  }
}

/** Reports whether a retry may succeed: throttling, HTTP 429, 5xx or a network failure. */
export function isRetryableError(error: unknown): boolean {
  return (
    (error instanceof BailianApiError || error instanceof BailianNetworkError) && error.retryable
  );
}

/**
 * Reports whether the server throttled the call (HTTP 429 or a `Throttling` code). Such a call
 * had no effect, so even an operation that is not idempotent may be repeated.
 */
export function isThrottlingError(error: unknown): boolean {
  return (
    error instanceof BailianApiError && (error.httpStatus === 429 || /throttl/i.test(error.code))
  );
}

/** Reports whether an error means that the requested resource does not exist. */
export function isNotFoundError(error: unknown): boolean {
  return error instanceof BailianApiError && error.notFound;
}

function isRetryableReply(httpStatus: number, code: string): boolean {
  return httpStatus === 429 || httpStatus >= 500 || /throttl/i.test(code);
}

function formatApiMessage(fields: BailianApiErrorFields): string {
  const message = fields.apiMessage.trim().replace(/\.$/, "");
  const requestId = fields.requestId ? ` (request id ${fields.requestId})` : "";
  const status = `HTTP ${fields.httpStatus} ${fields.code}`;
  return `${fields.operation} failed with ${status}: ${message}${requestId}`;
}
