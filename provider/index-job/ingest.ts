// Submitting requested work, or adopting what the index already holds, and waiting for it.
import { adoptedStatus, findExistingWork, waitForAdopted } from "./adopt";
import { appendRequest, type IndexJobApi } from "./api";
import { awaitJob } from "./complete";
import { fromIndexDocument, mergeDocuments } from "./documents";
import { IndexJobError, IndexJobInterruptedError, IndexJobTimeoutError } from "./errors";
import { buildOutputs, jobKind } from "./outputs";
import { ProgressReporter } from "./progress";
import type { DocumentResult, IndexJobInputs, IndexJobOutputs } from "./types";

/** Resource id for work that was adopted without a job id and needed no new job. */
export function adoptedId(inputs: IndexJobInputs): string {
  return `${inputs.indexId}/adopted`;
}

export interface IngestOptions {
  /** The resource id when the resource exists already (an update). */
  existingId?: string;
  /** The file or category ids to ingest now; default all of `inputs.documents.ids`. */
  ids?: string[];
  /** Documents the resource recorded before; recorded outputs keep them. */
  earlierDocuments?: DocumentResult[];
}

/** Submits an append job for the given file or category ids; returns the job id. */
export async function submitAppend(
  api: IndexJobApi,
  inputs: IndexJobInputs,
  ids: string[],
): Promise<string> {
  const documents = inputs.documents!;
  return api.submitAppend(appendRequest(documents.sourceType, ids, documents));
}

/**
 * Warns that documents already in the index are taken over. They usually come from a run of this
 * resource that was cut off, but another stack's documents look the same to the API.
 */
function warnAdoption(inputs: IndexJobInputs, count: number): void {
  const reporter = new ProgressReporter(`index ${inputs.indexId}`);
  reporter.warn(
    `${count} requested documents are already in the index, from an interrupted run or from ` +
      "another stack, so they are adopted instead of submitted again. This resource now " +
      "deletes them on destroy; set retainDocumentsOnDelete if another stack owns them.",
  );
}

/**
 * Looks at the index first, adopts requested documents that are already there (from a run that
 * was cut off before it recorded its job), submits the rest, and waits. Returns the outputs
 * whether or not they are ready under the policy; timeouts and API errors during the wait throw
 * errors that keep the resource.
 */
export async function ingest(
  api: IndexJobApi,
  inputs: IndexJobInputs,
  options: IngestOptions = {},
): Promise<{ id: string; outs: IndexJobOutputs }> {
  const earlierDocuments = options.earlierDocuments ?? [];
  const requested = requestedInputs(inputs, options.ids);
  const listing = await api.indexDocuments();
  const work = findExistingWork(requested, listing);
  const kind = jobKind(inputs);

  if (work.present.length === 0) {
    const jobId = requested.documents
      ? await submitAppend(api, inputs, requested.documents.ids)
      : await api.submitBuild();
    const id = options.existingId ?? jobId;
    const byFile = requested.documents?.sourceType === "DATA_CENTER_FILE";
    const expectedTotal = byFile ? requested.documents!.ids.length : undefined;
    const run = { id, api, inputs, jobId, kind, adopted: false, earlierDocuments };
    const outs = await awaitJob(run, {
      observeFirst: false,
      baseline: work.baseline,
      expectedTotal,
    });
    return { id, outs };
  }

  warnAdoption(inputs, work.present.length);
  // Submit the missing part first, so that it runs while the adopted documents finish.
  const missing = work.missingIds;
  const jobId = missing.length > 0 ? await submitAppend(api, inputs, missing) : "";
  const id = options.existingId ?? (jobId || adoptedId(inputs));
  const adopted = mergeDocuments(earlierDocuments, work.present.map(fromIndexDocument));
  const settled = await settleAdopted(api, inputs, { id, jobId, documents: adopted });
  if (jobId === "") {
    return { id, outs: settled };
  }

  const run = {
    id,
    api,
    inputs,
    jobId,
    kind,
    adopted: true,
    earlierDocuments: settled.indexedDocuments,
  };
  return { id, outs: await awaitJob(run, { observeFirst: true }) };
}

function requestedInputs(inputs: IndexJobInputs, ids: string[] | undefined): IndexJobInputs {
  if (!inputs.documents || ids === undefined) {
    return inputs;
  }
  return { ...inputs, documents: { ...inputs.documents, ids } };
}

/**
 * Waits until none of the given documents is RUNNING and returns outputs for them. A timeout or a
 * failed call throws an error that keeps the resource.
 */
export async function settleAdopted(
  api: IndexJobApi,
  inputs: IndexJobInputs,
  recorded: { id: string; jobId: string; documents: DocumentResult[] },
): Promise<IndexJobOutputs> {
  const outputsFor = (documents: DocumentResult[], finishedAt?: string) =>
    buildOutputs(inputs, {
      jobId: recorded.jobId,
      kind: jobKind(inputs),
      adopted: true,
      jobStatus: adoptedStatus(documents),
      indexedDocuments: documents,
      finishedAt,
    });

  const running = recorded.documents.filter((document) => document.status === "RUNNING");
  if (running.length === 0) {
    return outputsFor(recorded.documents, new Date().toISOString());
  }

  try {
    const ids = running.map((document) => document.documentId);
    const outcome = await waitForAdopted(api, inputs, ids);
    const documents = mergeDocuments(recorded.documents, outcome.last ?? []);
    if (outcome.state !== "SUCCESS") {
      throw new IndexJobTimeoutError(recorded.id, outputsFor(documents), outcome.elapsedSeconds);
    }
    return outputsFor(documents, new Date().toISOString());
  } catch (error) {
    if (error instanceof IndexJobError) {
      throw error;
    }
    throw new IndexJobInterruptedError(recorded.id, outputsFor(recorded.documents), error);
  }
}
