// Diff: which input changes replace the resource and which update it in place.
//  - replace: workspaceId, indexId, the connection target (region, endpoint, protocol), build
//    versus append, documents.sourceType and the chunk options. The replacement would ingest the
//    same files into the same index, so the old documents are deleted first.
//  - update: documents.ids (append the added, delete the removed), requested files whose
//    documents were deleted from the index outside Pulumi (appended again), polling, timeout,
//    policy, retain and connection.profile, none of which needs an API call by itself.
// A resource whose job is not ready yet always reports a change, so the update resumes it.
import type * as pulumi from "@pulumi/pulumi";
import { checkIndexJob } from "./check";
import { containsUnknown, isUnknown } from "../validation";
import type { IndexJobInputs, IndexJobOutputs } from "./types";
import { deletedFileIds } from "./documents";

const CHUNK_OPTIONS = [
  "chunkSize",
  "overlapSize",
  "separator",
  "chunkMode",
  "enableHeaders",
] as const;
const IN_PLACE = [
  "pollIntervalSeconds",
  "timeoutSeconds",
  "failOn",
  "maxFailedRatio",
  "retryFailedJob",
  "retainDocumentsOnDelete",
] as const;

export async function diffIndexJob(
  _id: string,
  olds: IndexJobOutputs,
  rawNews: Record<string, unknown>,
): Promise<pulumi.dynamic.DiffResult> {
  const news = (await checkIndexJob(undefined, rawNews)).inputs as IndexJobInputs;
  const replaces = replacedProperties(olds, news);
  const updates: string[] = IN_PLACE.filter((key) => differs(olds[key], news[key]));
  if (differs(olds.documents?.ids, news.documents?.ids)) {
    updates.push("documents.ids");
  }
  if (differs(olds.connection?.profile, news.connection?.profile)) {
    updates.push("connection.profile");
  }

  // Requested files deleted from the index outside Pulumi are ingested again by an update.
  const requestedIds = Array.isArray(news.documents?.ids) ? news.documents.ids : [];
  if (deletedFileIds(olds).some((fileId) => requestedIds.includes(fileId))) {
    updates.push("indexedDocuments");
  }

  const notReady = olds.readyIndexId === undefined;
  const changes = replaces.length > 0 || updates.length > 0 || notReady;
  return {
    changes,
    replaces,
    deleteBeforeReplace: replaces.length > 0,
  };
}

function replacedProperties(olds: IndexJobOutputs, news: IndexJobInputs): string[] {
  const replaces: string[] = [];
  for (const key of ["workspaceId", "indexId"] as const) {
    if (differs(olds[key], news[key])) {
      replaces.push(key);
    }
  }
  for (const key of ["region", "endpoint", "protocol"] as const) {
    if (differs(olds.connection?.[key], news.connection?.[key])) {
      replaces.push(`connection.${key}`);
    }
  }

  const oldDocuments = olds.documents;
  const newDocuments = news.documents;
  const kindChanged = (oldDocuments === undefined) !== (newDocuments === undefined);
  if (kindChanged || isUnknown(newDocuments)) {
    replaces.push("documents");
    return replaces;
  }
  if (oldDocuments && newDocuments) {
    if (differs(oldDocuments.sourceType, newDocuments.sourceType)) {
      replaces.push("documents.sourceType");
    }
    for (const key of CHUNK_OPTIONS) {
      if (differs(oldDocuments[key], newDocuments[key])) {
        replaces.push(`documents.${key}`);
      }
    }
  }
  return replaces;
}

/** Reports whether a new value differs from the recorded one. A value not known yet counts as changed. */
function differs(recorded: unknown, next: unknown): boolean {
  if (containsUnknown(next)) {
    return true;
  }
  return JSON.stringify(recorded ?? null) !== JSON.stringify(next ?? null);
}
