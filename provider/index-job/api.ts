// The Bailian operations an index job needs, bound to one workspace, with retries where a retry
// is safe. Reads retry throttling, 5xx and network errors with jittered backoff. Submits retry
// only throttling, because a 5xx reply or a dropped connection may follow a job that did start.
import * as pulumi from "@pulumi/pulumi";
import { resolveConnection, type ConnectionInputs } from "../config";
import { BailianClient, isThrottlingError, withRetry } from "../client";
import { statusCallBucket, type TokenBucket } from "./status-quota";
import type {
  DocumentSourceType,
  GetIndexJobStatusData,
  IndexDocument,
  IndexDocumentStatus,
  IndexJobDocument,
  SubmitIndexAddDocumentsJobRequest,
} from "../client/types";

const RETRIES = 8;
const MIN_RETRY_DELAY_MS = 1000;
const MAX_RETRY_DELAY_MS = 30_000;
/** Page size for fetching every document once a job is done; the API sets no maximum. */
export const LARGE_PAGE_SIZE = 1000;
/** DeleteIndexDocument batch size; the API documents no limit, so this is a cautious choice. */
const DELETE_BATCH_SIZE = 100;

/** Index-job operations of one workspace and index. */
export class IndexJobApi {
  private readonly client: BailianClient;
  private readonly retryDelayScale: number;
  /** Shared by every job of this endpoint and workspace in the process. */
  private readonly statusCalls: TokenBucket;

  /**
   * @param pollIntervalSeconds below 5 (allowed for loopback endpoints only) shrinks the retry
   *   delays in proportion, so waits against the emulator's shortened time stay short too.
   */
  constructor(
    readonly workspaceId: string,
    readonly indexId: string,
    connection: ConnectionInputs | undefined,
    pollIntervalSeconds: number,
  ) {
    this.client = new BailianClient(resolveConnection(connection));
    this.retryDelayScale = Math.min(1, pollIntervalSeconds / 5);
    this.statusCalls = statusCallBucket(this.client.host, workspaceId, pollIntervalSeconds);
  }

  private retrying<T>(operation: string, call: () => Promise<T>, throttleOnly = false) {
    return withRetry(call, {
      retries: RETRIES,
      minDelayMs: MIN_RETRY_DELAY_MS * this.retryDelayScale,
      maxDelayMs: MAX_RETRY_DELAY_MS * this.retryDelayScale,
      shouldRetry: throttleOnly ? isThrottlingError : undefined,
      onRetry: (error, attempt, delayMs) => {
        void pulumi.log.debug(
          `${operation} attempt ${attempt} failed (${error.message}); retrying in ${delayMs} ms`,
        );
      },
    });
  }

  /** Starts the build job of the index; returns the job id. */
  async submitBuild(): Promise<string> {
    const data = await this.retrying(
      "SubmitIndexJob",
      () => this.client.submitIndexJob(this.workspaceId, { IndexId: this.indexId }),
      true,
    );
    return data.Id;
  }

  /** Starts an append job for files or categories; returns the job id. */
  async submitAppend(request: Omit<SubmitIndexAddDocumentsJobRequest, "IndexId">) {
    const data = await this.retrying(
      "SubmitIndexAddDocumentsJob",
      () =>
        this.client.submitIndexAddDocumentsJob(this.workspaceId, {
          ...request,
          IndexId: this.indexId,
        }),
      true,
    );
    return data.Id;
  }

  /**
   * Fetches one page of a job's status. Every attempt, retries included, first takes a token
   * from the process-wide status-call bucket. A throttled reply empties the bucket, because it
   * means that another client of the workspace is using the quota too.
   */
  async jobStatus(jobId: string, pageSize: number, pageNumber = 1): Promise<GetIndexJobStatusData> {
    return this.retrying("GetIndexJobStatus", async () => {
      await this.statusCalls.take();
      try {
        return await this.client.getIndexJobStatus(this.workspaceId, {
          IndexId: this.indexId,
          JobId: jobId,
          PageNumber: pageNumber,
          pageSize,
        });
      } catch (error) {
        if (isThrottlingError(error)) {
          this.statusCalls.drain();
        }
        throw error;
      }
    });
  }

  /**
   * Reads every document of a job, until a page comes back short. When `expectedCount` is known,
   * the page size is one more than it, so that a job of any size costs a single call. Otherwise
   * the pages have LARGE_PAGE_SIZE documents.
   */
  async jobDocuments(
    jobId: string,
    expectedCount?: number,
  ): Promise<{ status: GetIndexJobStatusData["Status"]; documents: IndexJobDocument[] }> {
    let pageSize = Math.max(LARGE_PAGE_SIZE, (expectedCount ?? 0) + 1);
    const documents: IndexJobDocument[] = [];
    for (let page = 1; ; page += 1) {
      const data = await this.jobStatus(jobId, pageSize, page);
      documents.push(...data.Documents);
      const received = data.Documents.length;
      // The API documents no maximum page size. A first page shorter than both the request and
      // the expected count may come from a server-side cap, so reading goes on at that size.
      const capped = page === 1 && received > 0 && received < (expectedCount ?? 0);
      if (capped) {
        pageSize = received;
      } else if (received < pageSize) {
        return { status: data.Status, documents };
      }
    }
  }

  /**
   * Number of index documents, optionally with one status, from the TotalCount of a one-item
   * page. This spends no GetIndexJobStatus quota.
   */
  async countDocuments(status?: IndexDocumentStatus, retry = true): Promise<number> {
    const call = () =>
      this.client.listIndexDocuments(this.workspaceId, {
        IndexId: this.indexId,
        PageNumber: 1,
        PageSize: 1,
        ...(status ? { DocumentStatus: status } : {}),
      });
    const data = retry ? await this.retrying("ListIndexDocuments", call) : await call();
    return data.TotalCount;
  }

  /** Lists every document in the index. */
  async indexDocuments(): Promise<IndexDocument[]> {
    const documents: IndexDocument[] = [];
    for (let page = 1; ; page += 1) {
      const data = await this.retrying("ListIndexDocuments", () =>
        this.client.listIndexDocuments(this.workspaceId, {
          IndexId: this.indexId,
          PageNumber: page,
          PageSize: LARGE_PAGE_SIZE,
        }),
      );
      documents.push(...data.Documents);
      const short = data.Documents.length < LARGE_PAGE_SIZE;
      if (short || documents.length >= data.TotalCount) {
        return documents;
      }
    }
  }

  /** Deletes documents from the index in batches; returns the ids the API reported deleted. */
  async deleteDocuments(documentIds: string[]): Promise<string[]> {
    const deleted: string[] = [];
    for (let start = 0; start < documentIds.length; start += DELETE_BATCH_SIZE) {
      const batch = documentIds.slice(start, start + DELETE_BATCH_SIZE);
      const data = await this.retrying("DeleteIndexDocument", () =>
        this.client.deleteIndexDocument(this.workspaceId, {
          IndexId: this.indexId,
          DocumentIds: batch,
        }),
      );
      deleted.push(...(data.DeletedDocument ?? []));
    }
    return deleted;
  }
}

/** Builds the request fields of an append job for the given documents input. */
export function appendRequest(
  sourceType: DocumentSourceType,
  ids: string[],
  options: {
    chunkSize?: number;
    overlapSize?: number;
    separator?: string;
    chunkMode?: string;
    enableHeaders?: boolean;
  },
): Omit<SubmitIndexAddDocumentsJobRequest, "IndexId"> {
  const request: Omit<SubmitIndexAddDocumentsJobRequest, "IndexId"> = { SourceType: sourceType };
  if (sourceType === "DATA_CENTER_FILE") {
    request.DocumentIds = ids;
  } else {
    request.CategoryIds = ids;
  }
  if (options.chunkSize !== undefined) request.ChunkSize = options.chunkSize;
  if (options.overlapSize !== undefined) request.OverlapSize = options.overlapSize;
  if (options.separator !== undefined) request.Separator = options.separator;
  if (options.chunkMode !== undefined) request.ChunkMode = options.chunkMode;
  if (options.enableHeaders !== undefined) request.EnableHeaders = options.enableHeaders;
  return request;
}
