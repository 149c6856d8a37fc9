// Typed Bailian knowledge-base client: one method per operation. Each method takes the
// workspace id and a request object with the API's field names, checks required fields and
// path ids before sending, and returns the reply's `Data`.
import { type OperationSpec, OPERATIONS } from "./operations";
import { BailianTransport } from "./transport";
import type {
  AddCategoryData,
  AddCategoryRequest,
  AddFileData,
  AddFileRequest,
  ApplyFileUploadLeaseData,
  ApplyFileUploadLeaseRequest,
  ConnectionSettings,
  CreateIndexData,
  CreateIndexRequest,
  DeleteFileData,
  DeleteIndexDocumentData,
  DeleteIndexDocumentRequest,
  DeleteIndexRequest,
  FileDescription,
  GetIndexJobStatusData,
  GetIndexJobStatusRequest,
  ListCategoryData,
  ListCategoryRequest,
  ListFileData,
  ListFileRequest,
  ListIndexDocumentsData,
  ListIndexDocumentsRequest,
  ListIndicesData,
  ListIndicesRequest,
  RetrieveData,
  RetrieveRequest,
  SubmitIndexAddDocumentsJobData,
  SubmitIndexAddDocumentsJobRequest,
  SubmitIndexJobData,
  SubmitIndexJobRequest,
} from "./types";
import { uploadToLease } from "./upload";
import { fillPath, requireFields, toQuery, toWireParameters } from "./wire";

/**
 * ApplyFileUploadLease request. `CategoryId` goes in the path, and `default` names the system
 * category.
 */
export type ApplyFileUploadLeaseCall = ApplyFileUploadLeaseRequest & { CategoryId: string };

/** Request naming one data-center file, whose id goes in the path. */
export interface FileIdRequest {
  FileId: string;
}

export class BailianClient {
  readonly #transport: BailianTransport;

  /** Checks the connection settings at once; credentials are looked up on the first call. */
  constructor(settings: ConnectionSettings) {
    this.#transport = new BailianTransport(settings);
  }

  /** The resolved host, for messages and logs, such as `127.0.0.1:8089`. */
  get host(): string {
    return this.#transport.connection.host;
  }

  createIndex(workspaceId: string, request: CreateIndexRequest): Promise<CreateIndexData> {
    return this.#send(OPERATIONS.createIndex, workspaceId, request);
  }

  submitIndexJob(workspaceId: string, request: SubmitIndexJobRequest): Promise<SubmitIndexJobData> {
    return this.#send(OPERATIONS.submitIndexJob, workspaceId, request);
  }

  submitIndexAddDocumentsJob(
    workspaceId: string,
    request: SubmitIndexAddDocumentsJobRequest,
  ): Promise<SubmitIndexAddDocumentsJobData> {
    return this.#send(OPERATIONS.submitIndexAddDocumentsJob, workspaceId, request);
  }

  getIndexJobStatus(
    workspaceId: string,
    request: GetIndexJobStatusRequest,
  ): Promise<GetIndexJobStatusData> {
    return this.#send(OPERATIONS.getIndexJobStatus, workspaceId, request);
  }

  listIndices(workspaceId: string, request: ListIndicesRequest = {}): Promise<ListIndicesData> {
    return this.#send(OPERATIONS.listIndices, workspaceId, request);
  }

  listIndexDocuments(
    workspaceId: string,
    request: ListIndexDocumentsRequest,
  ): Promise<ListIndexDocumentsData> {
    return this.#send(OPERATIONS.listIndexDocuments, workspaceId, request);
  }

  deleteIndexDocument(
    workspaceId: string,
    request: DeleteIndexDocumentRequest,
  ): Promise<DeleteIndexDocumentData> {
    return this.#send(OPERATIONS.deleteIndexDocument, workspaceId, request);
  }

  /** Deletes a knowledge base; the reply carries no `Data`. */
  async deleteIndex(workspaceId: string, request: DeleteIndexRequest): Promise<void> {
    await this.#send<unknown>(OPERATIONS.deleteIndex, workspaceId, request);
  }

  retrieve(workspaceId: string, request: RetrieveRequest): Promise<RetrieveData> {
    return this.#send(OPERATIONS.retrieve, workspaceId, request);
  }

  addCategory(workspaceId: string, request: AddCategoryRequest): Promise<AddCategoryData> {
    return this.#send(OPERATIONS.addCategory, workspaceId, request);
  }

  listCategory(workspaceId: string, request: ListCategoryRequest): Promise<ListCategoryData> {
    return this.#send(OPERATIONS.listCategory, workspaceId, request);
  }

  applyFileUploadLease(
    workspaceId: string,
    request: ApplyFileUploadLeaseCall,
  ): Promise<ApplyFileUploadLeaseData> {
    return this.#send(OPERATIONS.applyFileUploadLease, workspaceId, request);
  }

  /**
   * Uploads a file's bytes to the URL of a lease with the lease's method and headers. This
   * request is not signed, and it uses the client's read timeout.
   */
  uploadToLease(lease: ApplyFileUploadLeaseData, content: Uint8Array | string): Promise<void> {
    return uploadToLease(lease, content, this.#transport.connection.readTimeoutMs);
  }

  addFile(workspaceId: string, request: AddFileRequest): Promise<AddFileData> {
    return this.#send(OPERATIONS.addFile, workspaceId, request);
  }

  describeFile(workspaceId: string, request: FileIdRequest): Promise<FileDescription> {
    return this.#send(OPERATIONS.describeFile, workspaceId, request);
  }

  deleteFile(workspaceId: string, request: FileIdRequest): Promise<DeleteFileData> {
    return this.#send(OPERATIONS.deleteFile, workspaceId, request);
  }

  listFile(workspaceId: string, request: ListFileRequest): Promise<ListFileData> {
    return this.#send(OPERATIONS.listFile, workspaceId, request);
  }

  async #send<TData>(spec: OperationSpec, workspaceId: string, request: object): Promise<TData> {
    requireFields(spec.action, request, spec.required);

    const pathValues: Record<string, string> = { WorkspaceId: workspaceId };
    const parameters: Record<string, unknown> = { ...request };
    for (const field of spec.pathFields ?? []) {
      pathValues[field] = parameters[field] as string;
      delete parameters[field];
    }
    const pathname = fillPath(spec.action, spec.path, pathValues);

    return this.#transport.invoke<TData>({
      action: spec.action,
      method: spec.method,
      pathname,
      query: spec.placement === "query" ? toQuery(parameters, spec.commaJoined) : undefined,
      form: spec.placement === "form" ? toWireParameters(parameters, spec.commaJoined) : undefined,
    });
  }
}
