import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "../errors";
import type { EmulatorCore } from "../core";
import type { LeaseRecord } from "../model";
import { ALLOWED_EXTENSIONS, fileExtension } from "../parsing";
import type { OperationContext } from "./context";

/** Largest file the data center accepts, in bytes. */
export const MAX_FILE_BYTES = 100_000_000;
/** Real milliseconds an upload URL stays valid. */
const UPLOAD_URL_TTL_MS = 30 * 60_000;
/** Path prefix of the upload URLs; the lease id follows it. */
export const UPLOAD_PATH_PREFIX = "/_emulator/upload/";

/** ApplyFileUploadLease: POST /{WorkspaceId}/datacenter/category/{CategoryId} with a form body. */
export function applyFileUploadLease({ core, workspace, params, pathParams }: OperationContext) {
  const category = core.store.category(workspace.id, pathParams.CategoryId);
  const fileName = params.requiredString("FileName", { minLength: 4, maxLength: 128 });
  if (!ALLOWED_EXTENSIONS.includes(fileExtension(fileName))) {
    throw params.invalid(
      `Parameter FileName is invalid: ${JSON.stringify(fileName)} must end in one of .${ALLOWED_EXTENSIONS.join(", .")}.`,
    );
  }
  const md5 = params.requiredString("Md5", {
    pattern: /^[0-9a-fA-F]{32}$/,
    patternHint: "expected the 32 hex digits of the file's MD5",
  });
  const size = params.integer("SizeInBytes", { required: true, min: 1 }) as number;
  if (size > MAX_FILE_BYTES) {
    throw new ApiError(
      "DataCenter.FileTooLarge",
      `SizeInBytes ${size} exceeds the maximum of ${MAX_FILE_BYTES} bytes.`,
    );
  }
  params.string("CategoryType", { oneOf: ["UNSTRUCTURED", "SESSION_FILE"] });
  params.boolean("UseInternalEndpoint");

  const id = core.store.newId("lease");
  const uploadToken = randomBytes(16).toString("hex");
  const extraHeader = Buffer.from(
    JSON.stringify({ workspaceId: workspace.id, leaseId: id }),
  ).toString("base64");
  const issuedAt = Date.now();
  core.store.leases.set(id, {
    id,
    workspaceId: workspace.id,
    categoryId: category.id,
    fileName,
    md5: md5.toLowerCase(),
    sizeInBytes: size,
    uploadToken,
    extraHeader,
    issuedAt,
    uploadExpiresAt: issuedAt + UPLOAD_URL_TTL_MS,
    consumed: false,
  });
  core.save();
  return {
    FileUploadLeaseId: id,
    Type: "HTTP",
    Param: {
      Method: "PUT",
      Url: `${core.endpoint}${UPLOAD_PATH_PREFIX}${id}?Expires=${Math.floor((issuedAt + UPLOAD_URL_TTL_MS) / 1000)}&Signature=${uploadToken}`,
      Headers: { "X-bailian-extra": extraHeader, "Content-Type": "application/octet-stream" },
    },
  };
}

/** Stores the bytes PUT to a lease URL after checking the token, headers, size and MD5. */
export function receiveUpload(
  core: EmulatorCore,
  leaseId: string,
  query: Map<string, string>,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): void {
  const lease = core.store.leases.get(leaseId);
  if (!lease) {
    throw new ApiError("Lease.NotFound", `Upload lease ${leaseId} does not exist.`);
  }
  checkUploadUrl(lease, query);
  checkUploadContent(lease, headers, body);

  lease.uploaded = body.toString("base64");
  core.save();
}

function checkUploadUrl(lease: LeaseRecord, query: Map<string, string>): void {
  if (query.get("Signature") !== lease.uploadToken) {
    throw new ApiError(
      "Upload.Forbidden",
      "The upload URL signature is invalid; use the URL exactly as returned.",
    );
  }
  if (Date.now() > lease.uploadExpiresAt) {
    throw new ApiError(
      "Upload.Forbidden",
      `The upload URL of lease ${lease.id} has expired; apply for a new lease.`,
    );
  }
  if (lease.consumed) {
    throw new ApiError("Lease.Invalid", `Upload lease ${lease.id} was already used by AddFile.`);
  }
}

function checkUploadContent(
  lease: LeaseRecord,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): void {
  if (headers["x-bailian-extra"] !== lease.extraHeader) {
    throw new ApiError(
      "Upload.Rejected",
      "The X-bailian-extra header is missing or changed; send the lease headers exactly.",
    );
  }
  if (headers["content-type"] !== "application/octet-stream") {
    throw new ApiError(
      "Upload.Rejected",
      `Content-Type must be application/octet-stream as the lease says; got ${JSON.stringify(headers["content-type"] ?? "")}.`,
    );
  }
  if (body.length !== lease.sizeInBytes) {
    throw new ApiError(
      "Upload.Rejected",
      `The upload has ${body.length} bytes but the lease declared SizeInBytes ${lease.sizeInBytes}.`,
    );
  }
  const md5 = createHash("md5").update(body).digest("hex");
  if (md5 !== lease.md5) {
    throw new ApiError(
      "Upload.Rejected",
      `The upload's MD5 is ${md5} but the lease declared Md5 ${lease.md5}.`,
    );
  }
}
