import { IndexJobApi } from "./api";
import { requireReady } from "./complete";
import { ingest } from "./ingest";
import type { IndexJobOutputs } from "./types";
import { validInputs } from "./validate";

/**
 * Submits the job (or adopts work already in the index) and waits until it is ready under the
 * failOn policy. A timeout or failure after the submit throws an error carrying the resource id
 * and outputs, so the engine keeps the resource and the next update resumes the same job.
 */
export async function createIndexJob(
  news: Record<string, unknown>,
): Promise<{ id: string; outs: IndexJobOutputs }> {
  const inputs = await validInputs(news);
  const api = new IndexJobApi(
    inputs.workspaceId,
    inputs.indexId,
    inputs.connection,
    inputs.pollIntervalSeconds,
  );
  const { id, outs } = await ingest(api, inputs);
  return { id, outs: requireReady(id, outs) };
}
