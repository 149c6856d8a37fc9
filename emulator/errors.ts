// Error codes the emulator returns, with their HTTP statuses. Alibaba's public error table and
// the SDK's response examples name most of these. The `*.NotFound` codes for knowledge-base
// resources are the emulator's own choice, used the same way by every operation.

export const ERROR_STATUS = {
  // Authentication (Alibaba's public table lists these as HTTP 400).
  MissingParameter: 400,
  IncompleteSignature: 400,
  SignatureDoesNotMatch: 400,
  "InvalidAccessKeyId.NotFound": 400,
  IllegalTimestamp: 400,
  SignatureNonceUsed: 400,
  MissingSecurityToken: 400,
  "InvalidSecurityToken.Malformed": 400,
  "InvalidSecurityToken.MismatchWithAccessKey": 400,
  InvalidVersion: 400,
  // Request validation.
  InvalidParameter: 400,
  "Index.InvalidParameter": 400,
  "DataCenter.FileTooLarge": 400,
  "Category.LimitExceeded": 400,
  "Upload.Rejected": 400,
  "Lease.Invalid": 400,
  // Access and existence.
  Forbidden: 403,
  "Index.Forbidden": 403,
  "Upload.Forbidden": 403,
  "InvalidAction.NotFound": 404,
  "Workspace.NotFound": 404,
  "Index.NotFound": 404,
  "Index.Job.NotFound": 404,
  "File.NotFound": 404,
  "Category.NotFound": 404,
  "Lease.NotFound": 404,
  // Throttling and server-side failures.
  "Throttling.User": 429,
  InternalError: 500,
  ServiceUnavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error the emulator returns to the client as an Alibaba-style JSON error body. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra response headers, such as `x-acs-retry-after` on throttling. */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.headers = headers;
  }
}

/** Per-document error codes reported inside GetIndexJobStatus and ListIndexDocuments. */
export const DOCUMENT_ERRORS = {
  fileNotFound: {
    code: "Index.Document.FileNotFound",
    message: "The file does not exist in the data center.",
  },
  notParsed: {
    code: "Index.Document.FileNotParsed",
    message: "The file had not finished parsing when the job reached it.",
  },
  parseFailed: { code: "Index.Document.ChunkError", message: "document parse error" },
  unsupportedType: {
    code: "Index.Document.UnsupportedType",
    message: "Text cannot be extracted from this file type.",
  },
  emptyContent: {
    code: "Index.Document.EmptyContent",
    message: "The parsed document contains no text.",
  },
  tooLarge: {
    code: "Index.Document.TooLarge",
    message: "The parsed text exceeds 2,000,000 characters.",
  },
  jobFailed: {
    code: "Index.Document.InternalError",
    message: "The index job failed before this document was inserted.",
  },
} as const;

/**
 * Maximum parsed text length, in characters, that an index job accepts for one document.
 * NOTE: the service documents no such limit; the emulator picks one so the error can occur.
 */
export const MAX_DOCUMENT_CHARACTERS = 2_000_000;
