import type { FileDescription, FileStatus } from "../../provider/client/types";
import { formatChinaTime } from "../clock";
import { ApiError } from "../errors";
import type { FileRecord } from "../model";
import { paginateByToken, type OperationContext } from "./context";

/** Simulated seconds a new file stays INIT, then PARSING, before its parse result shows. */
export const FILE_INIT_SECONDS = 2;
export const FILE_PARSING_SECONDS = 3;
const MAX_TAGS = 10;
/** AddFile must follow ApplyFileUploadLease within 12 real hours. */
const ADD_FILE_WINDOW_MS = 12 * 3600_000;

/** Status of a file at `now` on the simulated clock. */
export function fileStatus(file: FileRecord, now: number): FileStatus {
  if (now < file.createdAt + FILE_INIT_SECONDS * 1000) {
    return "INIT";
  }
  if (now < file.parsedAt || file.outcome === "pending") {
    return "PARSING";
  }
  return file.outcome === "failed" ? "PARSE_FAILED" : "PARSE_SUCCESS";
}

function describe(file: FileRecord, now: number): FileDescription {
  return {
    FileId: file.id,
    FileName: file.name,
    FileType: file.type,
    CategoryId: file.categoryId,
    Parser: file.parser,
    SizeInBytes: file.sizeInBytes,
    Status: fileStatus(file, now),
    Tags: file.tags,
    CreateTime: formatChinaTime(file.createdAt),
  };
}

/** AddFile: PUT /{WorkspaceId}/datacenter/file with a form body; consumes the upload lease. */
export function addFile({ core, workspace, params, now }: OperationContext) {
  const leaseId = params.requiredString("LeaseId");
  const parser = params.requiredString("Parser", { oneOf: ["DASHSCOPE_DOCMIND"] });
  const categoryId = params.requiredString("CategoryId");
  params.string("CategoryType", { oneOf: ["UNSTRUCTURED", "SESSION_FILE"] });
  const tags = params.stringList("Tags") ?? [];
  if (tags.length > MAX_TAGS) {
    throw params.invalid(
      `Parameter Tags is invalid: ${tags.length} tags given, at most ${MAX_TAGS} are allowed.`,
    );
  }
  params.json("ParserConfig");
  core.store.category(workspace.id, categoryId);

  const lease = core.store.leases.get(leaseId);
  if (!lease || lease.workspaceId !== workspace.id) {
    throw new ApiError(
      "Lease.NotFound",
      `Upload lease ${leaseId} does not exist in workspace ${workspace.id}.`,
    );
  }
  if (lease.consumed) {
    throw new ApiError(
      "Lease.Invalid",
      `Upload lease ${leaseId} was already used by AddFile; apply for a new lease.`,
    );
  }
  if (Date.now() > lease.issuedAt + ADD_FILE_WINDOW_MS) {
    throw new ApiError(
      "Lease.Invalid",
      `Upload lease ${leaseId} is older than 12 hours; apply for a new lease.`,
    );
  }
  if (lease.uploaded === undefined) {
    throw new ApiError(
      "Lease.Invalid",
      `No file was uploaded for lease ${leaseId}; PUT the bytes to the lease URL first.`,
    );
  }

  const file: FileRecord = {
    id: core.store.newId("file"),
    workspaceId: workspace.id,
    categoryId,
    name: lease.fileName,
    type: lease.fileName.slice(lease.fileName.lastIndexOf(".") + 1).toLowerCase(),
    sizeInBytes: lease.sizeInBytes,
    parser,
    tags,
    createdAt: now,
    parsedAt: now + (FILE_INIT_SECONDS + FILE_PARSING_SECONDS) * 1000,
    outcome: "pending",
    content: lease.uploaded,
  };
  lease.consumed = true;
  delete lease.uploaded;
  core.store.files.set(file.id, file);
  core.startParsing(file, Buffer.from(file.content as string, "base64"));
  core.save();
  return { FileId: file.id, Parser: parser };
}

/** DescribeFile: GET /{WorkspaceId}/datacenter/file/{FileId}/. */
export async function describeFile({ core, workspace, pathParams, now }: OperationContext) {
  const file = core.store.file(workspace.id, pathParams.FileId);
  if (now >= file.parsedAt) {
    await core.waitForParsing([file.id]);
  }
  return describe(file, now);
}

/** DeleteFile: DELETE /{WorkspaceId}/datacenter/file/{FileId}/; files still parsing stay. */
export function deleteFile({ core, workspace, pathParams, now }: OperationContext) {
  const file = core.store.file(workspace.id, pathParams.FileId);
  const status = fileStatus(file, now);
  if (status === "INIT" || status === "PARSING") {
    throw new ApiError("InvalidParameter", "Current file status does not support delete.");
  }
  core.store.files.delete(file.id);
  core.save();
  return { FileId: file.id };
}

/** ListFile: GET /{WorkspaceId}/datacenter/files, token paging in creation order. */
export async function listFile(context: OperationContext) {
  const { core, workspace, params, now } = context;
  const categoryId = params.requiredString("CategoryId");
  const fileName = params.string("FileName");
  const fileIds = params.stringList("FileIds");
  core.store.category(workspace.id, categoryId);

  const matching = [...core.store.files.values()].filter(
    (file) =>
      file.workspaceId === workspace.id &&
      file.categoryId === categoryId &&
      (fileName === undefined || file.name.includes(fileName)) &&
      (fileIds === undefined || fileIds.includes(file.id)),
  );
  const { page, nextToken, hasNext, maxResults } = paginateByToken(matching, context);
  await core.waitForParsing(page.filter((file) => now >= file.parsedAt).map((file) => file.id));
  return {
    FileList: page.map((file) => describe(file, now)),
    HasNext: hasNext,
    MaxResults: maxResults,
    NextToken: nextToken,
    TotalCount: matching.length,
  };
}
