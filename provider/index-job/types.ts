// Shapes the IndexJob provider receives and records. The public args with `pulumi.Input` types
// live in sdk/index-job.ts; these are the plain values after the engine resolved them.
import type { ConnectionInputs } from "../config";
import type { DocumentSourceType, IndexDocumentStatus, IndexJobStatus } from "../client/types";

export type FailOnPolicy = "job-failed" | "any-document-error" | "failed-ratio";
export const FAIL_ON_POLICIES: readonly FailOnPolicy[] = [
  "job-failed",
  "any-document-error",
  "failed-ratio",
];

/** Documents of an append job, and their chunk options. */
export interface DocumentsInputs {
  sourceType: DocumentSourceType;
  /** File ids for DATA_CENTER_FILE, category ids for DATA_CENTER_CATEGORY. */
  ids: string[];
  chunkSize?: number;
  overlapSize?: number;
  separator?: string;
  chunkMode?: string;
  enableHeaders?: boolean;
}

/** Inputs after `check` applied the defaults. */
export interface IndexJobInputs {
  workspaceId: string;
  indexId: string;
  /** Present: append these documents; absent: build the index from its CreateIndex sources. */
  documents?: DocumentsInputs;
  pollIntervalSeconds: number;
  timeoutSeconds: number;
  failOn: FailOnPolicy;
  /** Fraction of failed documents (0 to 1) that the failed-ratio policy still accepts. */
  maxFailedRatio?: number;
  retryFailedJob: boolean;
  retainDocumentsOnDelete: boolean;
  connection?: ConnectionInputs;
}

export type JobKind = "build" | "append";

/** One document as the job or the index reported it. */
export interface DocumentResult {
  documentId: string;
  name: string;
  status: IndexDocumentStatus;
  code: string;
  message: string;
  /** Last change as an ISO 8601 string; empty when the API gave no time. */
  modifiedAt: string;
}

export interface DocumentCounts {
  total: number;
  finished: number;
  failed: number;
  running: number;
  deleted: number;
}

/** Everything the provider records: the inputs plus what the job did. */
export interface IndexJobOutputs extends IndexJobInputs {
  /** Latest job submitted for this resource; empty when the work was adopted without a job id. */
  jobId: string;
  /** True when documents already in the index were adopted instead of submitted again. */
  adopted: boolean;
  kind: JobKind;
  jobStatus: IndexJobStatus;
  /**
   * Every document this resource ingested, with its latest status. Named apart from the
   * `documents` input, which the outputs also record.
   */
  indexedDocuments: DocumentResult[];
  documentCounts: DocumentCounts;
  /** When the job was seen terminal, ISO 8601; absent while it runs. */
  finishedAt?: string;
  /** The index id, set only when the job is ready under the failOn policy. */
  readyIndexId?: string;
}
