// Wire shapes of the Bailian 2023-12-29 knowledge-base operations this project uses.
// Field names are the API's own (PascalCase, with the API's lower-case exceptions such as
// `pageSize` on GetIndexJobStatus), so they can be compared with Alibaba's reference directly.
// The emulator produces these shapes and the client returns them.

/** Common envelope of every Bailian response. */
export interface ApiEnvelope<TData> {
  RequestId: string;
  Success: boolean;
  Code: string;
  Message: string;
  Status: string;
  Data?: TData;
}

export type IndexJobStatus = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";
export type IndexDocumentStatus = "RUNNING" | "FINISH" | "INSERT_ERROR" | "DELETED";
export type FileStatus = "INIT" | "PARSING" | "PARSE_SUCCESS" | "PARSE_FAILED";
export type DocumentSourceType = "DATA_CENTER_CATEGORY" | "DATA_CENTER_FILE";
export type SinkType = "BUILT_IN" | "ADB";

export const TERMINAL_JOB_STATUSES: readonly IndexJobStatus[] = ["COMPLETED", "FAILED"];
export const TERMINAL_DOCUMENT_STATUSES: readonly IndexDocumentStatus[] = [
  "FINISH",
  "INSERT_ERROR",
  "DELETED",
];

// ---- CreateIndex: POST /{WorkspaceId}/index/create, query only ----
export interface CreateIndexRequest {
  Name: string;
  StructureType: "unstructured";
  SinkType: SinkType;
  SourceType?: DocumentSourceType;
  CategoryIds?: string[];
  DocumentIds?: string[];
  Description?: string;
  EmbeddingModelName?: string;
  ChunkSize?: number;
  OverlapSize?: number;
  Separator?: string;
  EnableRewrite?: boolean;
  RerankModelName?: string;
  RerankMinScore?: number;
  SinkInstanceId?: string;
  SinkRegion?: string;
}
export interface CreateIndexData {
  Id: string;
}

// ---- SubmitIndexJob: POST /{WorkspaceId}/index/submit_index_job, query only ----
export interface SubmitIndexJobRequest {
  IndexId: string;
}
export interface SubmitIndexJobData {
  Id: string;
  IndexId: string;
}

// ---- SubmitIndexAddDocumentsJob: POST /{WorkspaceId}/index/add_documents_to_index ----
export interface SubmitIndexAddDocumentsJobRequest {
  IndexId: string;
  SourceType: DocumentSourceType;
  DocumentIds?: string[];
  CategoryIds?: string[];
  ChunkMode?: string;
  ChunkSize?: number;
  OverlapSize?: number;
  Separator?: string;
  EnableHeaders?: boolean;
}
export interface SubmitIndexAddDocumentsJobData {
  Id: string;
}

// ---- GetIndexJobStatus: GET /{WorkspaceId}/index/job/status ----
export interface GetIndexJobStatusRequest {
  IndexId: string;
  JobId: string;
  /** 1-based page number; the API's default is 1. */
  PageNumber?: number;
  /** Documents per page, spelled with a lower-case `p` on the wire; the API's default is 10. */
  pageSize?: number;
}
export interface IndexJobDocument {
  DocId: string;
  DocName: string;
  Status: IndexDocumentStatus;
  Code: string;
  Message: string;
  /** Last change, epoch milliseconds. */
  GmtModified: number;
}
export interface GetIndexJobStatusData {
  JobId: string;
  Status: IndexJobStatus;
  /** One page of documents; the API returns no total count. */
  Documents: IndexJobDocument[];
}

// ---- ListIndices: GET /{WorkspaceId}/index/list_indices ----
export interface ListIndicesRequest {
  IndexName?: string;
  PageNumber?: number;
  PageSize?: number;
}
export interface IndexSummary {
  Id: string;
  Name: string;
  Description: string;
  StructureType: string;
  SourceType: string;
  SinkType: string;
  SinkInstanceId?: string;
  SinkRegion?: string;
  EmbeddingModelName: string;
  RerankModelName: string;
  RerankMinScore: string;
  ChunkSize: number;
  OverlapSize: number;
  Separator: string;
  EnableRewrite: boolean;
  DocumentIds: string[];
}
export interface ListIndicesData {
  Indices: IndexSummary[];
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
}

// ---- ListIndexDocuments: GET /{WorkspaceId}/index/list_index_documents ----
export interface ListIndexDocumentsRequest {
  IndexId: string;
  DocumentName?: string;
  EnableNameLike?: boolean;
  DocumentStatus?: IndexDocumentStatus;
  PageNumber?: number;
  PageSize?: number;
}
export interface IndexDocument {
  Id: string;
  Name: string;
  Status: IndexDocumentStatus;
  Code: string;
  Message: string;
  DocumentType: string;
  Size: number;
  SourceId: string;
  GmtModified: number;
}
export interface ListIndexDocumentsData {
  IndexId: string;
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
  Documents: IndexDocument[];
}

// ---- DeleteIndexDocument: POST /{WorkspaceId}/index/delete_index_document ----
export interface DeleteIndexDocumentRequest {
  IndexId: string;
  DocumentIds: string[];
}
export interface DeleteIndexDocumentData {
  DeletedDocument: string[];
}

// ---- DeleteIndex: POST /{WorkspaceId}/index/delete; the response has no Data ----
export interface DeleteIndexRequest {
  IndexId: string;
}

// ---- Retrieve: POST /{WorkspaceId}/index/retrieve, query only ----
export interface RetrieveRequest {
  IndexId: string;
  Query: string;
  DenseSimilarityTopK?: number;
  SparseSimilarityTopK?: number;
  EnableReranking?: boolean;
  EnableRewrite?: boolean;
  RerankTopN?: number;
  RerankMinScore?: number;
  SaveRetrieverHistory?: boolean;
  Rerank?: { ModelName: string; RerankMode?: string; RerankInstruct?: string }[];
  Rewrite?: { ModelName: string }[];
  /** AND-ed groups of field-to-value conditions. */
  SearchFilters?: Record<string, string>[];
  QueryHistory?: { role: string; content: string }[];
  /** Image URLs; sent as one comma-separated string, not as JSON. */
  Images?: string[];
}
export interface RetrieveNode {
  Text: string;
  /** Relevance from 0 to 1. */
  Score: number;
  Metadata: Record<string, unknown>;
}
export interface RetrieveData {
  Nodes: RetrieveNode[];
}

// ---- AddCategory: POST /{WorkspaceId}/datacenter/category/ (trailing slash), form body ----
export interface AddCategoryRequest {
  CategoryName: string;
  CategoryType: "UNSTRUCTURED";
  ParentCategoryId?: string;
}
export interface AddCategoryData {
  CategoryId: string;
  CategoryName: string;
}

// ---- ListCategory: POST /{WorkspaceId}/datacenter/categories, form body ----
export interface ListCategoryRequest {
  CategoryType: "UNSTRUCTURED";
  CategoryName?: string;
  ParentCategoryId?: string;
  MaxResults?: number;
  NextToken?: string;
}
export interface CategorySummary {
  CategoryId: string;
  CategoryName: string;
  CategoryType: string;
  IsDefault: boolean;
  ParentCategoryId?: string;
}
export interface ListCategoryData {
  CategoryList: CategorySummary[];
  HasNext: boolean;
  MaxResults: number;
  NextToken: string;
  TotalCount: number;
}

// ---- ApplyFileUploadLease: POST /{WorkspaceId}/datacenter/category/{CategoryId}, form body ----
export interface ApplyFileUploadLeaseRequest {
  FileName: string;
  /** Hex MD5 of the file's bytes. */
  Md5: string;
  SizeInBytes: number;
  CategoryType?: "UNSTRUCTURED" | "SESSION_FILE";
  UseInternalEndpoint?: boolean;
}
export interface ApplyFileUploadLeaseData {
  FileUploadLeaseId: string;
  Type: "OSS.PreSignedURL" | "HTTP";
  Param: {
    Method: "PUT" | "POST";
    Url: string;
    Headers: Record<string, string>;
  };
}

// ---- AddFile: PUT /{WorkspaceId}/datacenter/file, form body ----
export interface AddFileRequest {
  LeaseId: string;
  Parser: string;
  CategoryId: string;
  CategoryType?: "UNSTRUCTURED" | "SESSION_FILE";
  Tags?: string[];
  ParserConfig?: { ModelName?: string; ModelPrompt?: string };
  OriginalFileUrl?: string;
}
export interface AddFileData {
  FileId: string;
  Parser: string;
}

// ---- DescribeFile: GET /{WorkspaceId}/datacenter/file/{FileId}/ (trailing slash) ----
export interface FileDescription {
  FileId: string;
  FileName: string;
  FileType: string;
  CategoryId: string;
  Parser: string;
  SizeInBytes: number;
  Status: FileStatus;
  Tags: string[];
  /** "yyyy-MM-dd HH:mm:ss" in UTC+8, as the API formats it. */
  CreateTime: string;
  ParseResultDownloadUrl?: string;
}

// ---- DeleteFile: DELETE /{WorkspaceId}/datacenter/file/{FileId}/ (trailing slash) ----
export interface DeleteFileData {
  FileId: string;
}

// ---- ListFile: GET /{WorkspaceId}/datacenter/files ----
export interface ListFileRequest {
  CategoryId: string;
  FileName?: string;
  FileIds?: string[];
  MaxResults?: number;
  NextToken?: string;
}
export interface ListFileData {
  FileList: FileDescription[];
  HasNext: boolean;
  MaxResults: number;
  NextToken: string;
  TotalCount: number;
}

// ---- Client settings (not wire shapes) ----

/** AccessKey credentials, optionally with an STS security token. */
export interface AccessKeyCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/**
 * Connection settings of the client: the endpoint, protocol, timeouts and credentials. Either `region` (mapped to `bailian.<region>.aliyuncs.com`)
 * or `endpoint` must be set; an endpoint wins over a region.
 */
export interface ConnectionSettings {
  region?: string;
  /** A host with optional port ("127.0.0.1:8089") or a URL ("http://127.0.0.1:8089"). */
  endpoint?: string;
  protocol?: "http" | "https";
  readTimeoutSeconds?: number;
  connectTimeoutSeconds?: number;
  /** Explicit credentials; when absent, the environment and then the profile file are used. */
  credentials?: AccessKeyCredentials;
  /** Profile name in the Alibaba Cloud credentials file. */
  profile?: string;
}
