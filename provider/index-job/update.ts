// Update: finish recorded work first (a wait that timed out, adopted documents still running),
// resubmit a FAILED job when asked, then apply document changes. Only what changed is sent.
import { isNotFoundError } from "../client";
import { IndexJobApi } from "./api";
import { requireReady } from "./complete";
import { ingest } from "./ingest";
import { deletedFileIds } from "./documents";
import { buildOutputs } from "./outputs";
import { finishRecordedWork } from "./resume";
import { validInputs } from "./validate";
import type { DocumentResult, IndexJobInputs, IndexJobOutputs } from "./types";

export async function updateIndexJob(
  id: string,
  olds: IndexJobOutputs,
  news: Record<string, unknown>,
): Promise<{ outs: IndexJobOutputs }> {
  const inputs = await validInputs(news);
  const api = new IndexJobApi(
    inputs.workspaceId,
    inputs.indexId,
    inputs.connection,
    inputs.pollIntervalSeconds,
  );

  // Until the document changes are applied, the recorded outputs keep the old document list,
  // so that an error on the way keeps the changes pending for the next update.
  const handled: IndexJobInputs = { ...inputs, documents: olds.documents };
  let current = await finishRecordedWork(api, id, olds, handled, { mayIngest: true });
  current = await retryFailedJob(api, id, current, handled);
  current = await applyDocumentChanges(api, id, current, inputs);
  return { outs: requireReady(id, current) };
}

/** Resubmits a FAILED job when retryFailedJob is set, after deleting its failed documents. */
async function retryFailedJob(
  api: IndexJobApi,
  id: string,
  current: IndexJobOutputs,
  inputs: IndexJobInputs,
): Promise<IndexJobOutputs> {
  if (current.jobStatus !== "FAILED" || !inputs.retryFailedJob) {
    return current;
  }
  const failed = current.indexedDocuments.filter((document) => document.status === "INSERT_ERROR");
  await deleteIgnoringMissing(
    api,
    failed.map((document) => document.documentId),
  );

  const failedIds = new Set(failed.map((document) => document.documentId));
  const remaining = current.indexedDocuments.filter(
    (document) => !failedIds.has(document.documentId),
  );
  const resubmit = resubmitIds(inputs, remaining);
  const result = await ingest(api, inputs, {
    existingId: id,
    ids: resubmit,
    earlierDocuments: remaining,
  });
  return result.outs;
}

/** Returns the requested ids to submit again: all categories, or the files with no finished document. */
function resubmitIds(inputs: IndexJobInputs, remaining: DocumentResult[]): string[] | undefined {
  if (!inputs.documents) {
    return undefined;
  }
  if (inputs.documents.sourceType === "DATA_CENTER_CATEGORY") {
    return inputs.documents.ids;
  }
  const done = new Set(remaining.map((document) => document.documentId));
  return inputs.documents.ids.filter((fileId) => !done.has(fileId));
}

/** Appends added ids and deletes the documents of removed ids unless they are retained. */
async function applyDocumentChanges(
  api: IndexJobApi,
  id: string,
  current: IndexJobOutputs,
  inputs: IndexJobInputs,
): Promise<IndexJobOutputs> {
  const oldIds = current.documents?.ids ?? [];
  const newIds = inputs.documents?.ids ?? [];
  const restored = deletedFileIds(current).filter((fileId) => newIds.includes(fileId));
  const added = [...newIds.filter((documentId) => !oldIds.includes(documentId)), ...restored];
  const removed = oldIds.filter((documentId) => !newIds.includes(documentId));

  let documents = current.indexedDocuments.filter(
    (document) => !restored.includes(document.documentId),
  );
  if (removed.length > 0) {
    const dropped = await documentsOfRemovedIds(api, current, removed);
    if (!inputs.retainDocumentsOnDelete) {
      await deleteIgnoringMissing(api, dropped);
    }
    documents = documents.filter((document) => !dropped.includes(document.documentId));
  }

  const updated = buildOutputs(inputs, {
    jobId: current.jobId,
    kind: current.kind,
    adopted: current.adopted,
    jobStatus: current.jobStatus,
    indexedDocuments: documents,
    finishedAt: current.finishedAt,
  });
  if (added.length === 0) {
    return updated;
  }
  const result = await ingest(api, inputs, {
    existingId: id,
    ids: added,
    earlierDocuments: documents,
  });
  return result.outs;
}

/** Finds the recorded document ids that came from removed file or category ids. */
async function documentsOfRemovedIds(
  api: IndexJobApi,
  current: IndexJobOutputs,
  removed: string[],
): Promise<string[]> {
  const recorded = new Set(current.indexedDocuments.map((document) => document.documentId));
  if (current.documents?.sourceType !== "DATA_CENTER_CATEGORY") {
    return removed.filter((fileId) => recorded.has(fileId));
  }
  const listing = await api.indexDocuments();
  return listing
    .filter((document) => removed.includes(document.SourceId) && recorded.has(document.Id))
    .map((document) => document.Id);
}

async function deleteIgnoringMissing(api: IndexJobApi, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) {
    return;
  }
  try {
    await api.deleteDocuments(documentIds);
  } catch (error) {
    if (!isNotFoundError(error)) {
      throw error;
    }
  }
}
