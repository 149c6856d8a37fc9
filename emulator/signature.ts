import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ApiError } from "./errors";

// ACS3-HMAC-SHA256 verification: the server rebuilds the canonical request from what arrived on
// the wire and compares HMAC-SHA256(secret, string-to-sign) with the client's signature.

const ALGORITHM = "ACS3-HMAC-SHA256";
const REQUIRED_SIGNED_HEADERS = [
  "host",
  "x-acs-action",
  "x-acs-content-sha256",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-version",
];
/** Maximum distance between `x-acs-date` and the real clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface SignedRequest {
  method: string;
  /** Path exactly as sent, still percent-encoded. */
  rawPath: string;
  /** Decoded query parameters. */
  query: Map<string, string>;
  headers: Record<string, string[] | undefined>;
  body: Buffer;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (header === undefined || header.trim() === "") {
    throw new ApiError(
      "MissingParameter",
      "The Authorization header is missing; sign the request with ACS3-HMAC-SHA256.",
    );
  }
  const [algorithm, ...rest] = header.trim().split(/\s+/);
  if (algorithm !== ALGORITHM) {
    throw new ApiError(
      "IncompleteSignature",
      `The Authorization scheme ${JSON.stringify(algorithm)} is not supported; use ${ALGORITHM}.`,
    );
  }
  const fields = new Map<string, string>();
  for (const part of rest.join("").split(",")) {
    const equals = part.indexOf("=");
    if (equals > 0) {
      fields.set(part.slice(0, equals), part.slice(equals + 1));
    }
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) {
    throw new ApiError(
      "IncompleteSignature",
      "The Authorization header must contain Credential, SignedHeaders and Signature.",
    );
  }
  return { accessKeyId, signedHeaders: signedHeaders.split(";"), signature };
}

/** Checks the date, the payload hash and the required signed headers before the signature. */
export function checkSignedParts(
  request: SignedRequest,
  auth: ParsedAuthorization,
  realNow: number,
) {
  const missing = REQUIRED_SIGNED_HEADERS.filter((name) => !auth.signedHeaders.includes(name));
  if (request.body.length > 0 && !auth.signedHeaders.includes("content-type")) {
    missing.push("content-type");
  }
  if (missing.length > 0) {
    throw new ApiError(
      "IncompleteSignature",
      `SignedHeaders must include ${missing.join(", ")}; it contains ${auth.signedHeaders.join(";")}.`,
    );
  }
  const absent = auth.signedHeaders.filter((name) => request.headers[name] === undefined);
  if (absent.length > 0) {
    throw new ApiError(
      "IncompleteSignature",
      `The signed headers ${absent.join(", ")} are missing from the request.`,
    );
  }

  const date = headerValue(request, "x-acs-date");
  const dateMs = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(date) ? Date.parse(date) : NaN;
  if (Number.isNaN(dateMs)) {
    throw new ApiError(
      "IllegalTimestamp",
      `x-acs-date ${JSON.stringify(date)} is not in the format YYYY-MM-DDTHH:mm:ssZ (UTC).`,
    );
  }
  if (Math.abs(dateMs - realNow) > MAX_CLOCK_SKEW_MS) {
    throw new ApiError(
      "IllegalTimestamp",
      `x-acs-date ${date} is more than 15 minutes away from the server time ${new Date(realNow).toISOString()}; check the client clock.`,
    );
  }

  const payloadHash = sha256Hex(request.body);
  if (headerValue(request, "x-acs-content-sha256") !== payloadHash) {
    throw new ApiError(
      "SignatureDoesNotMatch",
      "x-acs-content-sha256 does not match the SHA-256 of the request body.",
    );
  }
}

/** Returns true when `signature` is the HMAC of the canonical request under `secret`. */
export function signatureMatches(
  request: SignedRequest,
  auth: ParsedAuthorization,
  secret: string,
) {
  const expected = createHmac("sha256", secret).update(stringToSign(request, auth)).digest();
  const received = Buffer.from(auth.signature, "hex");
  return received.length === expected.length && timingSafeEqual(received, expected);
}

export function stringToSign(request: SignedRequest, auth: ParsedAuthorization): string {
  return `${ALGORITHM}\n${sha256Hex(canonicalRequest(request, auth))}`;
}

function canonicalRequest(request: SignedRequest, auth: ParsedAuthorization): string {
  const names = [...auth.signedHeaders].sort();
  const headers = names
    .map((name) => {
      const values = (request.headers[name] ?? []).map((value) => value.trim()).sort();
      return `${name}:${values.join(",")}\n`;
    })
    .join("");
  return [
    request.method.toUpperCase(),
    canonicalUri(request.rawPath),
    canonicalQuery(request.query),
    headers,
    names.join(";"),
    sha256Hex(request.body),
  ].join("\n");
}

function canonicalUri(rawPath: string): string {
  return rawPath.replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/g, "~");
}

function canonicalQuery(query: Map<string, string>): string {
  // Plain code-unit order, so "PageNumber" sorts before "pageSize".
  const names = [...query.keys()].sort(compareCodeUnits);
  return names.map((name) => `${name}=${rfc3986(query.get(name) ?? "")}`).join("&");
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function headerValue(request: SignedRequest, name: string): string {
  return (request.headers[name] ?? [])[0]?.trim() ?? "";
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}
