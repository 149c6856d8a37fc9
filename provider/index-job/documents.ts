// Conversions from the API's document shapes to the recorded ones, and the counts over them.
import type { IndexDocument, IndexJobDocument } from "../client/types";
import type { DocumentCounts, DocumentResult, IndexJobOutputs } from "./types";

function isoTime(epochMs: number | undefined): string {
  return typeof epochMs === "number" && Number.isFinite(epochMs) && epochMs > 0
    ? new Date(epochMs).toISOString()
    : "";
}

export function fromJobDocument(document: IndexJobDocument): DocumentResult {
  return {
    documentId: document.DocId,
    name: document.DocName ?? "",
    status: document.Status,
    code: document.Code ?? "",
    message: document.Message ?? "",
    modifiedAt: isoTime(document.GmtModified),
  };
}

export function fromIndexDocument(document: IndexDocument): DocumentResult {
  return {
    documentId: document.Id,
    name: document.Name ?? "",
    status: document.Status,
    code: document.Code ?? "",
    message: document.Message ?? "",
    modifiedAt: isoTime(document.GmtModified),
  };
}

/** Merges document lists by id; a later list wins, and the order of first appearance is kept. */
export function mergeDocuments(...lists: DocumentResult[][]): DocumentResult[] {
  const byId = new Map<string, DocumentResult>();
  for (const list of lists) {
    for (const document of list) {
      byId.set(document.documentId, document);
    }
  }
  return [...byId.values()];
}

export function countDocuments(documents: DocumentResult[]): DocumentCounts {
  const counts: DocumentCounts = {
    total: documents.length,
    finished: 0,
    failed: 0,
    running: 0,
    deleted: 0,
  };
  for (const document of documents) {
    if (document.status === "FINISH") counts.finished += 1;
    else if (document.status === "INSERT_ERROR") counts.failed += 1;
    else if (document.status === "RUNNING") counts.running += 1;
    else if (document.status === "DELETED") counts.deleted += 1;
  }
  return counts;
}

/** "37/120 documents finished, 2 failed", as used in progress lines and error messages. */
export function describeCounts(counts: {
  total?: number;
  finished: number;
  failed: number;
}): string {
  const total = counts.total === undefined ? "" : `/${counts.total}`;
  return `${counts.finished}${total} documents finished, ${counts.failed} failed`;
}

/** Lists the first few failed documents with their codes, for an error message. */
export function describeFailedDocuments(documents: DocumentResult[], limit = 3): string {
  const failed = documents.filter((document) => document.status === "INSERT_ERROR");
  if (failed.length === 0) {
    return "";
  }
  const listed = failed.slice(0, limit).map((document) => {
    const name = document.name ? ` (${document.name})` : "";
    const message = document.message.trim().replace(/\.$/, "");
    const detail = [document.code || "INSERT_ERROR", message].filter(Boolean).join(": ");
    return `${document.documentId}${name} ${detail}`;
  });
  const more = failed.length > limit ? ` and ${failed.length - limit} more` : "";
  return `failed documents: ${listed.join("; ")}${more}`;
}

/**
 * Lists the requested files whose documents were deleted from the index outside this resource,
 * so that an update ingests them again. Categories are not restored this way, because appending
 * a category again would also ingest its documents that are still there.
 */
export function deletedFileIds(current: IndexJobOutputs): string[] {
  if (current.documents?.sourceType !== "DATA_CENTER_FILE") {
    return [];
  }
  const requested = new Set(current.documents.ids);
  return (current.indexedDocuments ?? [])
    .filter((document) => document.status === "DELETED" && requested.has(document.documentId))
    .map((document) => document.documentId);
}
