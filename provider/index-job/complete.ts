import type { IndexJobStatus } from "../client/types";
import type { IndexJobApi } from "./api";
import { fromJobDocument, mergeDocuments } from "./documents";
import {
  IndexJobError,
  IndexJobFailedError,
  IndexJobInterruptedError,
  IndexJobTimeoutError,
} from "./errors";
import { buildOutputs } from "./outputs";
import { evaluatePolicy } from "./policy";
import { ProgressReporter } from "./progress";
import type { DocumentResult, IndexJobInputs, IndexJobOutputs, JobKind } from "./types";
import { waitForJob, type JobProgress, type WaitForJobOptions } from "./wait-job";

/** A submitted job and what the resource recorded before it. */
export interface JobRun {
  /** The resource id, which errors carry so the engine keeps the resource. */
  id: string;
  api: IndexJobApi;
  inputs: IndexJobInputs;
  jobId: string;
  kind: JobKind;
  adopted: boolean;
  /** Documents ingested before this job; the job's own documents replace entries with their id. */
  earlierDocuments: DocumentResult[];
}

/**
 * Waits for a submitted job, fetches all its documents and returns the outputs, ready or not
 * (see `requireReady`). A timeout or an API error during the wait becomes an error that keeps the
 * resource.
 */
export async function awaitJob(run: JobRun, options: WaitForJobOptions): Promise<IndexJobOutputs> {
  let lastStatus: IndexJobStatus = "PENDING";
  let lastProgress: JobProgress | undefined;
  const outputsWith = (
    jobStatus: IndexJobStatus,
    documents: DocumentResult[],
    finishedAt?: string,
  ) =>
    buildOutputs(run.inputs, {
      jobId: run.jobId,
      kind: run.kind,
      adopted: run.adopted,
      jobStatus,
      indexedDocuments: documents,
      finishedAt,
    });

  try {
    const outcome = await waitForJob(run.api, run.inputs, run.jobId, {
      ...options,
      onObservation: (observation) => {
        lastStatus = observation.status;
        lastProgress = observation.progress ?? lastProgress;
      },
    });
    lastStatus = outcome.last?.status ?? lastStatus;
    if (outcome.state === "TIMEOUT" || outcome.state === "ABORTED") {
      const recorded = outputsWith(lastStatus, run.earlierDocuments);
      throw new IndexJobTimeoutError(
        run.id,
        recorded,
        outcome.elapsedSeconds,
        outcome.last?.progress,
      );
    }

    const finishedAt = new Date().toISOString();
    // The expected count lets a job of thousands of documents be fetched with one call.
    const expectedCount = options.expectedTotal ?? outcome.last?.progress?.total;
    const job = await run.api.jobDocuments(run.jobId, expectedCount);
    lastStatus = job.status;
    warnOnOddResult(run.jobId, job.status, job.documents);
    const documents = mergeDocuments(run.earlierDocuments, job.documents.map(fromJobDocument));
    return outputsWith(job.status, documents, finishedAt);
  } catch (error) {
    if (error instanceof IndexJobError) {
      throw error;
    }
    throw new IndexJobInterruptedError(
      run.id,
      outputsWith(lastStatus, run.earlierDocuments),
      error,
      lastProgress,
    );
  }
}

function warnOnOddResult(
  jobId: string,
  status: IndexJobStatus,
  documents: { Status: string }[],
): void {
  const reporter = new ProgressReporter(`index job ${jobId}`);
  // A build over an empty category is the usual way to start an empty knowledge base, so an
  // empty COMPLETED job is only noted. An empty FAILED job points at the index's sources.
  if (documents.length === 0 && status === "COMPLETED") {
    reporter.note("the job COMPLETED with no documents, because the index's sources contain none");
  } else if (documents.length === 0) {
    reporter.warn(`the job ended ${status} with no documents; check the sources of the index`);
  }
  if (documents.some((document) => document.Status === "RUNNING")) {
    reporter.warn(`the job ended ${status} while some of its documents are still RUNNING`);
  }
}

/** Returns outputs that are ready under the policy, or throws the failure that keeps them. */
export function requireReady(id: string, outputs: IndexJobOutputs): IndexJobOutputs {
  const verdict = evaluatePolicy(outputs, outputs.jobStatus, outputs.documentCounts);
  if (!verdict.ready) {
    throw new IndexJobFailedError(id, outputs, verdict.reason);
  }
  return outputs;
}
