// Work in flight that was never recorded: when the engine stopped during a create, neither Pulumi
// nor the provider has the job id. The index itself shows what was submitted, so requested
// documents already present (in any status but DELETED) are adopted instead of submitted again.
import type { IndexDocument, IndexJobStatus } from "../client/types";
import { waitFor, type WaitOutcome } from "../waiter";
import type { IndexJobApi } from "./api";
import { fromIndexDocument } from "./documents";
import { ProgressReporter } from "./progress";
import type { DocumentResult, IndexJobInputs } from "./types";
import type { Baseline } from "./wait-job";

export interface ExistingWork {
  /** Index documents that belong to the requested work. */
  present: IndexDocument[];
  /** Requested file or category ids with no document in the index; empty for a build. */
  missingIds: string[];
  /** Counts over the whole index before anything is submitted. */
  baseline: Baseline;
}

/** Splits the requested work into what the index already has and what is still missing. */
export function findExistingWork(inputs: IndexJobInputs, listing: IndexDocument[]): ExistingWork {
  const baseline: Baseline = {
    finished: listing.filter((document) => document.Status === "FINISH").length,
    failed: listing.filter((document) => document.Status === "INSERT_ERROR").length,
    all: listing.length,
  };
  const live = listing.filter((document) => document.Status !== "DELETED");

  if (!inputs.documents) {
    // Any document in the index means its build job was already submitted.
    return { present: live, missingIds: [], baseline };
  }
  const requested = new Set(inputs.documents.ids);
  const byFile = inputs.documents.sourceType === "DATA_CENTER_FILE";
  const present = live.filter((document) =>
    requested.has(byFile ? document.Id : document.SourceId),
  );
  const found = new Set(present.map((document) => (byFile ? document.Id : document.SourceId)));
  const missingIds = inputs.documents.ids.filter((id) => !found.has(id));
  return { present, missingIds, baseline };
}

/** Polls ListIndexDocuments until none of the given documents is RUNNING. */
export async function waitForAdopted(
  api: IndexJobApi,
  inputs: IndexJobInputs,
  documentIds: string[],
): Promise<WaitOutcome<DocumentResult[]>> {
  const awaited = new Set(documentIds);
  const reporter = new ProgressReporter(`adopted documents on index ${inputs.indexId}`);

  const observe = async () => {
    const listing = await api.indexDocuments();
    return listing.filter((document) => awaited.has(document.Id)).map(fromIndexDocument);
  };

  return waitFor(
    {
      observe,
      decide: (documents) =>
        documents.some((document) => document.status === "RUNNING")
          ? { state: "RETRY" }
          : { state: "SUCCESS" },
      onObservation: (documents) => {
        const finished = documents.filter((document) => document.status === "FINISH").length;
        const failed = documents.filter((document) => document.status === "INSERT_ERROR").length;
        const status = adoptedStatus(documents);
        reporter.report(status, { total: documentIds.length, finished, failed });
      },
    },
    { pollIntervalSeconds: inputs.pollIntervalSeconds, timeoutSeconds: inputs.timeoutSeconds },
  );
}

/**
 * Derives a job status for adopted documents, which have no job to query: RUNNING while any
 * document runs, FAILED when every document failed (as Bailian fails a job), else COMPLETED.
 */
export function adoptedStatus(documents: DocumentResult[]): IndexJobStatus {
  if (documents.some((document) => document.status === "RUNNING")) {
    return "RUNNING";
  }
  const failed = documents.filter((document) => document.status === "INSERT_ERROR").length;
  return documents.length > 0 && failed === documents.length ? "FAILED" : "COMPLETED";
}
