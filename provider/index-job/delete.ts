// Delete: removes the documents this resource ingested from the index, unless they are
// retained. RUNNING documents are waited for first, because the API deletes only FINISH and
// INSERT_ERROR documents; documents already gone count as deleted.
import { isNotFoundError } from "../client";
import { adoptedStatus, waitForAdopted } from "./adopt";
import { IndexJobApi } from "./api";
import { IndexJobError } from "./errors";
import { recordedInputs } from "./recorded";
import { finishRecordedWork } from "./resume";
import type { IndexJobOutputs } from "./types";

export async function deleteIndexJob(id: string, props: IndexJobOutputs): Promise<void> {
  const inputs = await recordedInputs(props);
  if (inputs.retainDocumentsOnDelete) {
    return;
  }
  const api = new IndexJobApi(
    inputs.workspaceId,
    inputs.indexId,
    inputs.connection,
    inputs.pollIntervalSeconds,
  );

  try {
    // A job that never finished may still add documents; wait so that none is left behind.
    // NOTE: work that was never recorded (a create cut off before its first poll) is not
    // looked for here, because delete must not submit anything.
    const current = await finishRecordedWork(api, id, props, inputs, { mayIngest: false });
    const recorded = new Set(
      current.indexedDocuments
        .filter((document) => document.status !== "DELETED")
        .map((document) => document.documentId),
    );
    const listing = await api.indexDocuments();
    const present = listing.filter(
      (document) => recorded.has(document.Id) && document.Status !== "DELETED",
    );
    const running = present.filter((document) => document.Status === "RUNNING");
    if (running.length > 0) {
      await waitForRunning(
        api,
        inputs,
        id,
        running.map((document) => document.Id),
      );
    }
    await api.deleteDocuments(present.map((document) => document.Id));
  } catch (error) {
    if (error instanceof IndexJobError) {
      const { jobId, jobStatus } = error.properties;
      const detail = error.cause instanceof Error ? ` (${error.cause.message})` : "";
      throw new Error(
        `Cannot delete the documents of IndexJob ${id} on index ${inputs.indexId} in workspace ` +
          `${inputs.workspaceId} yet, because its job ${jobId || "(adopted)"} is still ` +
          `${jobStatus}${detail}; run the destroy again once the job has finished.`,
        { cause: error },
      );
    }
    if (!isNotFoundError(error)) {
      throw error;
    }
  }
}

async function waitForRunning(
  api: IndexJobApi,
  inputs: Awaited<ReturnType<typeof recordedInputs>>,
  id: string,
  documentIds: string[],
): Promise<void> {
  const outcome = await waitForAdopted(api, inputs, documentIds);
  if (outcome.state !== "SUCCESS") {
    const status = adoptedStatus(outcome.last ?? []);
    throw new Error(
      `Cannot delete the documents of IndexJob ${id} on index ${inputs.indexId} in workspace ` +
        `${inputs.workspaceId}: after ${Math.round(outcome.elapsedSeconds)} seconds some are ` +
        `still RUNNING (status ${status}), and the API deletes only finished or failed ` +
        "documents; run the destroy again later, or raise timeoutSeconds.",
    );
  }
}
