// Refresh: finish waiting for recorded work (a refresh never records a half-finished job as
// ready), then compare the recorded documents with the index, where removed ones show DELETED.
import type * as pulumi from "@pulumi/pulumi";
import { isNotFoundError } from "../client";
import type { IndexDocument } from "../client/types";
import { IndexJobApi } from "./api";
import { fromIndexDocument } from "./documents";
import { IndexJobTimeoutError } from "./errors";
import { buildOutputs, pickInputs } from "./outputs";
import { finishRecordedWork } from "./resume";
import type { DocumentResult, IndexJobOutputs } from "./types";
import { recordedInputs } from "./recorded";

export async function readIndexJob(
  id: string,
  props: IndexJobOutputs,
): Promise<pulumi.dynamic.ReadResult> {
  const inputs = await recordedInputs(props);
  const api = new IndexJobApi(
    inputs.workspaceId,
    inputs.indexId,
    inputs.connection,
    inputs.pollIntervalSeconds,
  );

  let current: IndexJobOutputs;
  try {
    current = await finishRecordedWork(api, id, props, inputs, { mayIngest: false });
  } catch (error) {
    if (!(error instanceof IndexJobTimeoutError)) {
      throw error;
    }
    // The job is still running: record what was seen, which is not ready.
    current = error.properties;
  }

  const listing = await listOrEmpty(api);
  const documents = current.indexedDocuments.map((document) => refreshed(document, listing));
  const outputs = buildOutputs(inputs, { ...current, indexedDocuments: documents });
  return { id, props: outputs, inputs: pickInputs(inputs) };
}

/** Lists the index's documents by id, or none when the index itself is gone. */
async function listOrEmpty(api: IndexJobApi): Promise<Map<string, IndexDocument>> {
  try {
    const listing = await api.indexDocuments();
    return new Map(listing.map((document) => [document.Id, document]));
  } catch (error) {
    if (isNotFoundError(error)) {
      return new Map();
    }
    throw error;
  }
}

function refreshed(recorded: DocumentResult, listing: Map<string, IndexDocument>): DocumentResult {
  const found = listing.get(recorded.documentId);
  if (!found) {
    return { ...recorded, status: "DELETED" };
  }
  return fromIndexDocument(found);
}
