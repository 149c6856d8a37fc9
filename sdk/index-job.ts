import * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../provider/config";
import type {
  DocumentCounts,
  DocumentResult,
  FailOnPolicy,
  JobKind,
} from "../provider/index-job/types";
import type { DocumentSourceType, IndexJobStatus } from "../provider/client/types";
import { thinProvider } from "./internal/thin-provider";

export type { DocumentCounts, DocumentResult, FailOnPolicy, JobKind };

/** Documents for an append job (SubmitIndexAddDocumentsJob) and how they are chunked. */
export interface IndexJobDocumentsArgs {
  sourceType: pulumi.Input<DocumentSourceType>;
  /** Data-center file ids (DATA_CENTER_FILE) or category ids (DATA_CENTER_CATEGORY); 1 to 10,000. */
  ids: pulumi.Input<pulumi.Input<string>[]>;
  /** Characters per chunk, 1 to 6000. */
  chunkSize?: pulumi.Input<number>;
  /** Characters shared by neighbouring chunks, 0 to 1024 and below chunkSize. */
  overlapSize?: pulumi.Input<number>;
  separator?: pulumi.Input<string>;
  chunkMode?: pulumi.Input<string>;
  /** Whether the first row of Excel sheets is a header row. */
  enableHeaders?: pulumi.Input<boolean>;
}

export interface IndexJobArgs {
  workspaceId: pulumi.Input<string>;
  /** The knowledge base (index) to fill. */
  indexId: pulumi.Input<string>;
  /**
   * Present: append these documents (SubmitIndexAddDocumentsJob). Absent: run the build job
   * (SubmitIndexJob), which ingests the sources given when the index was created.
   */
  documents?: pulumi.Input<IndexJobDocumentsArgs>;
  /**
   * Seconds between status calls. Default 5, which is also the minimum that the Bailian API
   * documents. Values down to 0.01 are accepted only for a loopback endpoint such as the emulator.
   */
  pollIntervalSeconds?: pulumi.Input<number>;
  /**
   * Seconds to wait for the job before the deployment reports a timeout. Default 21600 (6 hours).
   * The job keeps running; the resource stays in the stack and the next `pulumi up` resumes
   * waiting for the same job.
   */
  timeoutSeconds?: pulumi.Input<number>;
  /**
   * When the job counts as failed: "job-failed" (only a FAILED job), "any-document-error" (the
   * default: any document with INSERT_ERROR), or "failed-ratio" (more than maxFailedRatio).
   */
  failOn?: pulumi.Input<FailOnPolicy>;
  /** Fraction of documents (0 to 1) that may fail under failOn "failed-ratio". */
  maxFailedRatio?: pulumi.Input<number>;
  /** Whether the next `pulumi up` resubmits a job that ended FAILED. Default false. */
  retryFailedJob?: pulumi.Input<boolean>;
  /** Whether destroying the resource leaves its documents in the index. Default false. */
  retainDocumentsOnDelete?: pulumi.Input<boolean>;
  /** Region or endpoint of the Bailian API. Credentials come from the environment, a profile or stack config. */
  connection?: pulumi.Input<ConnectionInputs>;
}

/**
 * Runs a Bailian index job and waits until the knowledge base is ready: a build job for an index
 * created from data-center sources, or an append job for more files or categories.
 *
 * `readyIndexId` is set only once the job finished under the failOn policy, so a resource that
 * takes it as an input is created after the index is ready, with no explicit `dependsOn`.
 * Changing the listed ids appends the added documents and deletes the removed ones. Changing the
 * index, the source type or the chunk options replaces the resource and deletes its documents first.
 */
export class IndexJob extends pulumi.dynamic.Resource {
  /** Id of the latest job submitted for this resource; empty when the work was adopted. */
  declare public readonly jobId: pulumi.Output<string>;
  declare public readonly jobStatus: pulumi.Output<IndexJobStatus>;
  /** True when documents already in the index (from an interrupted run) were adopted. */
  declare public readonly adopted: pulumi.Output<boolean>;
  /** "build" (SubmitIndexJob) or "append" (SubmitIndexAddDocumentsJob). */
  declare public readonly kind: pulumi.Output<JobKind>;
  /** Every document this resource ingested, with its status, code and message. */
  declare public readonly indexedDocuments: pulumi.Output<DocumentResult[]>;
  declare public readonly documentCounts: pulumi.Output<DocumentCounts>;
  /** When the job was seen finished, ISO 8601. */
  declare public readonly finishedAt: pulumi.Output<string | undefined>;
  /** The index id, recorded only when the job is ready under the failOn policy. */
  declare public readonly readyIndexId: pulumi.Output<string>;
  declare public readonly workspaceId: pulumi.Output<string>;
  declare public readonly indexId: pulumi.Output<string>;

  constructor(name: string, args: IndexJobArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      jobId: undefined,
      jobStatus: undefined,
      adopted: undefined,
      kind: undefined,
      indexedDocuments: undefined,
      documentCounts: undefined,
      finishedAt: undefined,
      readyIndexId: undefined,
    };
    super(thinProvider("IndexJob"), name, props, opts, "bailian", "IndexJob");
  }
}
