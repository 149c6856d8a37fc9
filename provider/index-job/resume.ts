// Picking up recorded work where an earlier run left it.
import type { IndexJobApi } from "./api";
import { awaitJob } from "./complete";
import { ingest, settleAdopted } from "./ingest";
import { buildOutputs, isTerminal, jobKind } from "./outputs";
import type { IndexJobInputs, IndexJobOutputs } from "./types";

/** Carries the recorded facts over to new inputs, with no API call. */
export function carryForward(inputs: IndexJobInputs, olds: IndexJobOutputs): IndexJobOutputs {
  return buildOutputs(inputs, {
    jobId: olds.jobId ?? "",
    kind: olds.kind ?? jobKind(inputs),
    adopted: olds.adopted ?? false,
    jobStatus: olds.jobStatus ?? "PENDING",
    indexedDocuments: olds.indexedDocuments ?? [],
    finishedAt: olds.finishedAt,
  });
}

/**
 * Finishes what the recorded outputs left open: waits for a job that was not terminal and for
 * adopted documents still RUNNING. A create that was cut off before it saw anything is run again
 * with `mayIngest`, which adopts what reached the index. Without it, that state is returned as is.
 */
export async function finishRecordedWork(
  api: IndexJobApi,
  id: string,
  olds: IndexJobOutputs,
  inputs: IndexJobInputs,
  options: { mayIngest: boolean },
): Promise<IndexJobOutputs> {
  let current = carryForward(inputs, olds);
  if (isTerminal(current.jobStatus) && current.documentCounts.running === 0) {
    return current;
  }

  if (current.jobId === "" && current.indexedDocuments.length === 0) {
    return options.mayIngest ? (await ingest(api, inputs, { existingId: id })).outs : current;
  }
  if (current.adopted && current.documentCounts.running > 0) {
    current = await settleAdopted(api, inputs, {
      id,
      jobId: current.jobId,
      documents: current.indexedDocuments,
    });
  }
  if (current.jobId !== "" && !isTerminal(olds.jobStatus)) {
    const run = {
      id,
      api,
      inputs,
      jobId: current.jobId,
      kind: current.kind,
      adopted: current.adopted,
      earlierDocuments: current.indexedDocuments,
    };
    current = await awaitJob(run, { observeFirst: true });
  }
  return current;
}
