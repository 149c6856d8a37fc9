// The Bailian operations the KnowledgeBase, Category, DataCenterFile and RetrievalCheck providers
// call, bound to one workspace and connection, with retries where a retry is safe.
import { resolveConnection, type ConnectionInputs } from "../config";
import { BailianClient, isNotFoundError, isThrottlingError, withRetry } from "../client";
import type {
  AddCategoryRequest,
  CategorySummary,
  AddFileRequest,
  ApplyFileUploadLeaseData,
  ApplyFileUploadLeaseRequest,
  CreateIndexRequest,
  FileDescription,
  IndexSummary,
  ListIndicesRequest,
  RetrieveData,
  RetrieveRequest,
} from "../client/types";

export { isNotFoundError };
export type { CategorySummary };

const RETRY_OPTIONS = { retries: 5, minDelayMs: 1000, maxDelayMs: 30000 };
const LIST_PAGE_SIZE = 100;

/**
 * Operations of one workspace. Idempotent calls retry throttling, 5xx replies and network
 * failures; calls that are not idempotent retry only throttling.
 */
export class WorkspaceApi {
  private readonly client: BailianClient;

  constructor(
    readonly workspaceId: string,
    connection: ConnectionInputs | undefined,
  ) {
    this.client = new BailianClient(resolveConnection(connection));
  }

  private idempotent<T>(call: () => Promise<T>): Promise<T> {
    return withRetry(call, RETRY_OPTIONS);
  }

  /**
   * Calls an operation that is not idempotent. Only a throttled call certainly had no effect, so
   * only throttling is retried: a 5xx reply or a dropped connection may follow a change.
   */
  private once<T>(call: () => Promise<T>): Promise<T> {
    return withRetry(call, { ...RETRY_OPTIONS, shouldRetry: isThrottlingError });
  }

  // ---- knowledge bases ----

  /** Creates an index; not idempotent, so only a throttled call is repeated. */
  async createIndex(request: CreateIndexRequest): Promise<string> {
    const data = await this.once(() => this.client.createIndex(this.workspaceId, request));
    return data.Id;
  }

  /** Lists every index, or the indices with exactly the given name. */
  async listIndices(indexName?: string): Promise<IndexSummary[]> {
    const indices: IndexSummary[] = [];
    for (let page = 1; ; page += 1) {
      const request: ListIndicesRequest = { PageNumber: page, PageSize: LIST_PAGE_SIZE };
      if (indexName !== undefined) {
        request.IndexName = indexName;
      }
      const data = await this.idempotent(() => this.client.listIndices(this.workspaceId, request));
      indices.push(...data.Indices);
      if (data.Indices.length < LIST_PAGE_SIZE || indices.length >= data.TotalCount) {
        return indices;
      }
    }
  }

  /** Finds an index by id; ListIndices has no id filter, so a name narrows the search first. */
  async findIndex(indexId: string, indexName?: string): Promise<IndexSummary | undefined> {
    if (indexName !== undefined) {
      const named = await this.listIndices(indexName);
      const found = named.find((index) => index.Id === indexId);
      if (found) {
        return found;
      }
    }
    return (await this.listIndices()).find((index) => index.Id === indexId);
  }

  async deleteIndex(indexId: string): Promise<void> {
    await this.idempotent(() => this.client.deleteIndex(this.workspaceId, { IndexId: indexId }));
  }

  async retrieve(request: RetrieveRequest): Promise<RetrieveData> {
    return this.idempotent(() => this.client.retrieve(this.workspaceId, request));
  }

  // ---- categories ----

  /** Creates a category; not idempotent, so only a throttled call is repeated. */
  async addCategory(request: AddCategoryRequest): Promise<string> {
    const data = await this.once(() => this.client.addCategory(this.workspaceId, request));
    return data.CategoryId;
  }

  /** Lists the unstructured categories, optionally filtered by name (which may match parts). */
  async listCategories(categoryName?: string): Promise<CategorySummary[]> {
    const categories: CategorySummary[] = [];
    let nextToken: string | undefined;
    do {
      const request = {
        CategoryType: "UNSTRUCTURED" as const,
        MaxResults: LIST_PAGE_SIZE,
        ...(categoryName !== undefined ? { CategoryName: categoryName } : {}),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
      const data = await this.idempotent(() => this.client.listCategory(this.workspaceId, request));
      categories.push(...data.CategoryList);
      nextToken = data.HasNext && data.NextToken ? data.NextToken : undefined;
    } while (nextToken);
    return categories;
  }

  // ---- data-center files ----

  async applyFileUploadLease(
    categoryId: string,
    request: ApplyFileUploadLeaseRequest,
  ): Promise<ApplyFileUploadLeaseData> {
    const call = { ...request, CategoryId: categoryId };
    return this.once(() => this.client.applyFileUploadLease(this.workspaceId, call));
  }

  /** Sends the file's bytes to the lease's pre-signed URL; repeating the upload is harmless. */
  async upload(lease: ApplyFileUploadLeaseData, content: Buffer): Promise<void> {
    await this.idempotent(() => this.client.uploadToLease(lease, content));
  }

  /** Registers an uploaded file; not idempotent, so only a throttled call is repeated. */
  async addFile(request: AddFileRequest): Promise<string> {
    const data = await this.once(() => this.client.addFile(this.workspaceId, request));
    return data.FileId;
  }

  /** Lists the files of a category named exactly `fileName`; ListFile's filter also matches parts. */
  async listFilesNamed(categoryId: string, fileName: string): Promise<FileDescription[]> {
    const files: FileDescription[] = [];
    let nextToken: string | undefined;
    do {
      const request = {
        CategoryId: categoryId,
        FileName: fileName,
        MaxResults: LIST_PAGE_SIZE,
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
      const data = await this.idempotent(() => this.client.listFile(this.workspaceId, request));
      files.push(...data.FileList.filter((file) => file.FileName === fileName));
      nextToken = data.HasNext && data.NextToken ? data.NextToken : undefined;
    } while (nextToken);
    return files;
  }

  async describeFile(fileId: string): Promise<FileDescription> {
    return this.idempotent(() => this.client.describeFile(this.workspaceId, { FileId: fileId }));
  }

  async deleteFile(fileId: string): Promise<void> {
    await this.idempotent(() => this.client.deleteFile(this.workspaceId, { FileId: fileId }));
  }
}
