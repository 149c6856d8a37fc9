// The baseline: an index job waited on the way a user might write it by hand. It submits the job,
// then polls with p-wait-for at a fixed interval, reading every page of GetIndexJobStatus at the
// API's default page size of 10 until a page comes back short. A throttled call ends that poll,
// and the next interval simply tries again.
import pWaitFor, { TimeoutError } from "p-wait-for";
import { isThrottlingError, type BailianClient } from "../provider/client";
import type { IndexJobDocument } from "../provider/client/types";

const DEFAULT_PAGE_SIZE = 10;

export interface NaiveResult {
  jobId: string;
  /** Date.now() when the wait ended; undefined when it timed out. */
  returnedAtMs?: number;
  /** Throttled GetIndexJobStatus calls the poller saw. */
  throttled: number;
  documents: number;
}

export async function naiveCreate(
  client: BailianClient,
  job: { workspaceId: string; indexId: string; fileIds: string[] },
  timing: { intervalMs: number; timeoutMs: number },
): Promise<NaiveResult> {
  const submitted = await client.submitIndexAddDocumentsJob(job.workspaceId, {
    IndexId: job.indexId,
    SourceType: "DATA_CENTER_FILE",
    DocumentIds: job.fileIds,
  });
  const result: NaiveResult = { jobId: submitted.Id, throttled: 0, documents: 0 };

  const readAllPages = async () => {
    const documents: IndexJobDocument[] = [];
    for (let page = 1; ; page += 1) {
      const data = await client.getIndexJobStatus(job.workspaceId, {
        IndexId: job.indexId,
        JobId: submitted.Id,
        PageNumber: page,
      });
      documents.push(...data.Documents);
      if (data.Documents.length < DEFAULT_PAGE_SIZE) {
        return { status: data.Status, documents };
      }
    }
  };

  const poll = async (): Promise<boolean> => {
    try {
      const { status, documents } = await readAllPages();
      result.documents = documents.length;
      return status === "COMPLETED" || status === "FAILED";
    } catch (error) {
      if (isThrottlingError(error)) {
        result.throttled += 1;
        return false;
      }
      throw error;
    }
  };

  try {
    await pWaitFor(poll, { interval: timing.intervalMs, timeout: timing.timeoutMs });
    result.returnedAtMs = Date.now();
  } catch (error) {
    if (!(error instanceof TimeoutError)) {
      throw error;
    }
  }
  return result;
}
