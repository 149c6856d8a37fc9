// Method, path and parameter placement of each Bailian 2023-12-29 operation the client sends.
// "query" operations put every field in the query string (POST ones send no body), "form"
// operations send an x-www-form-urlencoded body. Path templates keep the API's trailing slashes.

export interface OperationSpec {
  action: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  placement: "query" | "form";
  /** Fields the API reference marks as required; the SDK itself does not check them. */
  required: readonly string[];
  /** Request fields that fill `{Name}` placeholders of the path instead of the query or body. */
  pathFields?: readonly string[];
  /** List fields sent as one comma-separated string instead of JSON text. */
  commaJoined?: readonly string[];
}

function operation(spec: OperationSpec): OperationSpec {
  return spec;
}

export const OPERATIONS = {
  createIndex: operation({
    action: "CreateIndex",
    method: "POST",
    path: "/{WorkspaceId}/index/create",
    placement: "query",
    required: ["Name", "StructureType", "SinkType"],
  }),
  submitIndexJob: operation({
    action: "SubmitIndexJob",
    method: "POST",
    path: "/{WorkspaceId}/index/submit_index_job",
    placement: "query",
    required: ["IndexId"],
  }),
  submitIndexAddDocumentsJob: operation({
    action: "SubmitIndexAddDocumentsJob",
    method: "POST",
    path: "/{WorkspaceId}/index/add_documents_to_index",
    placement: "query",
    required: ["IndexId", "SourceType"],
  }),
  getIndexJobStatus: operation({
    action: "GetIndexJobStatus",
    method: "GET",
    path: "/{WorkspaceId}/index/job/status",
    placement: "query",
    required: ["IndexId", "JobId"],
  }),
  listIndices: operation({
    action: "ListIndices",
    method: "GET",
    path: "/{WorkspaceId}/index/list_indices",
    placement: "query",
    required: [],
  }),
  listIndexDocuments: operation({
    action: "ListIndexDocuments",
    method: "GET",
    path: "/{WorkspaceId}/index/list_index_documents",
    placement: "query",
    required: ["IndexId"],
  }),
  deleteIndexDocument: operation({
    action: "DeleteIndexDocument",
    method: "POST",
    path: "/{WorkspaceId}/index/delete_index_document",
    placement: "query",
    required: ["IndexId", "DocumentIds"],
  }),
  deleteIndex: operation({
    action: "DeleteIndex",
    method: "POST",
    path: "/{WorkspaceId}/index/delete",
    placement: "query",
    required: ["IndexId"],
  }),
  retrieve: operation({
    action: "Retrieve",
    method: "POST",
    path: "/{WorkspaceId}/index/retrieve",
    placement: "query",
    required: ["IndexId", "Query"],
    commaJoined: ["Images"],
  }),
  addCategory: operation({
    action: "AddCategory",
    method: "POST",
    path: "/{WorkspaceId}/datacenter/category/",
    placement: "form",
    required: ["CategoryName", "CategoryType"],
  }),
  listCategory: operation({
    action: "ListCategory",
    method: "POST",
    path: "/{WorkspaceId}/datacenter/categories",
    placement: "form",
    required: ["CategoryType"],
  }),
  applyFileUploadLease: operation({
    action: "ApplyFileUploadLease",
    method: "POST",
    path: "/{WorkspaceId}/datacenter/category/{CategoryId}",
    placement: "form",
    required: ["CategoryId", "FileName", "Md5", "SizeInBytes"],
    pathFields: ["CategoryId"],
  }),
  addFile: operation({
    action: "AddFile",
    method: "PUT",
    path: "/{WorkspaceId}/datacenter/file",
    placement: "form",
    required: ["LeaseId", "Parser", "CategoryId"],
  }),
  describeFile: operation({
    action: "DescribeFile",
    method: "GET",
    path: "/{WorkspaceId}/datacenter/file/{FileId}/",
    placement: "query",
    required: ["FileId"],
    pathFields: ["FileId"],
  }),
  deleteFile: operation({
    action: "DeleteFile",
    method: "DELETE",
    path: "/{WorkspaceId}/datacenter/file/{FileId}/",
    placement: "query",
    required: ["FileId"],
    pathFields: ["FileId"],
  }),
  listFile: operation({
    action: "ListFile",
    method: "GET",
    path: "/{WorkspaceId}/datacenter/files",
    placement: "query",
    required: ["CategoryId"],
  }),
} as const;
