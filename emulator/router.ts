import { ApiError, type ErrorCode } from "./errors";
import { addCategory, listCategory } from "./operations/categories";
import type { OperationHandler } from "./operations/context";
import { addFile, deleteFile, describeFile, listFile } from "./operations/files";
import { deleteIndexDocument, listIndexDocuments } from "./operations/index-documents";
import { createIndex, deleteIndex, listIndices } from "./operations/indices";
import { getIndexJobStatus, submitIndexAddDocumentsJob, submitIndexJob } from "./operations/jobs";
import { applyFileUploadLease } from "./operations/leases";
import { retrieve } from "./operations/retrieve";

/** One API operation: how it arrives on the wire and which handler serves it. */
export interface Operation {
  action: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path template; `{Name}` segments are path parameters. Trailing slashes are significant. */
  path: string;
  /** Error code for invalid parameters, following the SDK's response examples per operation. */
  invalidCode: ErrorCode;
  /** Error code for a workspace the AccessKey may not use. */
  forbiddenCode: ErrorCode;
  handler: OperationHandler;
}

const INDEX = { invalidCode: "Index.InvalidParameter", forbiddenCode: "Index.Forbidden" } as const;
const DATA_CENTER = { invalidCode: "InvalidParameter", forbiddenCode: "Forbidden" } as const;

export const OPERATIONS: Operation[] = [
  {
    action: "CreateIndex",
    method: "POST",
    path: "/{WorkspaceId}/index/create",
    ...INDEX,
    forbiddenCode: "Forbidden",
    handler: createIndex,
  },
  {
    action: "SubmitIndexJob",
    method: "POST",
    path: "/{WorkspaceId}/index/submit_index_job",
    ...INDEX,
    invalidCode: "InvalidParameter",
    handler: submitIndexJob,
  },
  {
    action: "SubmitIndexAddDocumentsJob",
    method: "POST",
    path: "/{WorkspaceId}/index/add_documents_to_index",
    ...INDEX,
    handler: submitIndexAddDocumentsJob,
  },
  {
    action: "GetIndexJobStatus",
    method: "GET",
    path: "/{WorkspaceId}/index/job/status",
    ...INDEX,
    handler: getIndexJobStatus,
  },
  {
    action: "ListIndices",
    method: "GET",
    path: "/{WorkspaceId}/index/list_indices",
    ...INDEX,
    handler: listIndices,
  },
  {
    action: "ListIndexDocuments",
    method: "GET",
    path: "/{WorkspaceId}/index/list_index_documents",
    ...INDEX,
    invalidCode: "InvalidParameter",
    handler: listIndexDocuments,
  },
  {
    action: "DeleteIndexDocument",
    method: "POST",
    path: "/{WorkspaceId}/index/delete_index_document",
    ...INDEX,
    handler: deleteIndexDocument,
  },
  {
    action: "DeleteIndex",
    method: "POST",
    path: "/{WorkspaceId}/index/delete",
    ...INDEX,
    handler: deleteIndex,
  },
  {
    action: "Retrieve",
    method: "POST",
    path: "/{WorkspaceId}/index/retrieve",
    ...INDEX,
    handler: retrieve,
  },
  {
    action: "AddCategory",
    method: "POST",
    path: "/{WorkspaceId}/datacenter/category/",
    ...DATA_CENTER,
    handler: addCategory,
  },
  {
    action: "ListCategory",
    method: "POST",
    path: "/{WorkspaceId}/datacenter/categories",
    ...DATA_CENTER,
    handler: listCategory,
  },
  {
    action: "ApplyFileUploadLease",
    method: "POST",
    path: "/{WorkspaceId}/datacenter/category/{CategoryId}",
    ...DATA_CENTER,
    handler: applyFileUploadLease,
  },
  {
    action: "AddFile",
    method: "PUT",
    path: "/{WorkspaceId}/datacenter/file",
    ...DATA_CENTER,
    handler: addFile,
  },
  {
    action: "DescribeFile",
    method: "GET",
    path: "/{WorkspaceId}/datacenter/file/{FileId}/",
    ...DATA_CENTER,
    handler: describeFile,
  },
  {
    action: "DeleteFile",
    method: "DELETE",
    path: "/{WorkspaceId}/datacenter/file/{FileId}/",
    ...DATA_CENTER,
    handler: deleteFile,
  },
  {
    action: "ListFile",
    method: "GET",
    path: "/{WorkspaceId}/datacenter/files",
    ...DATA_CENTER,
    handler: listFile,
  },
];

export interface RouteMatch {
  operation: Operation;
  /** Decoded path parameters, WorkspaceId included. */
  pathParams: Record<string, string>;
}

/** Finds the operation by `x-acs-action`, then checks the method and the path against it. */
export function route(action: string | undefined, method: string, rawPath: string): RouteMatch {
  if (!action) {
    throw new ApiError(
      "MissingParameter",
      "The x-acs-action header is missing; it names the operation to call.",
    );
  }
  const operation = OPERATIONS.find((candidate) => candidate.action === action);
  if (!operation) {
    throw new ApiError(
      "InvalidAction.NotFound",
      `Specified api ${action} is not found; check x-acs-action.`,
    );
  }
  const pathParams = method === operation.method ? matchPath(operation.path, rawPath) : undefined;
  if (!pathParams) {
    throw new ApiError(
      "InvalidAction.NotFound",
      `${action} is served at ${operation.method} ${operation.path}; the request was ${method} ${rawPath}.`,
    );
  }
  return { operation, pathParams };
}

function matchPath(template: string, rawPath: string): Record<string, string> | undefined {
  const expected = template.split("/");
  const actual = rawPath.split("/");
  if (expected.length !== actual.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i += 1) {
    const name = /^\{(\w+)\}$/.exec(expected[i])?.[1];
    if (name === undefined) {
      if (expected[i] !== actual[i]) {
        return undefined;
      }
      continue;
    }
    const value = safeDecode(actual[i]);
    if (value === undefined || value === "") {
      return undefined;
    }
    params[name] = value;
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
