// Child process of the benchmark. It runs `check` and `create` of the compiled IndexJob provider
// for one or more jobs at once, as the dynamic-provider plugin would in one process. It reports
// when each create returned, the size of its outputs and the peak resident set size.
import { implementation } from "../provider";
import { setProgressLog } from "../provider/index-job/progress";
import type { IndexJobOutputs } from "../provider/index-job/types";

export interface ChildRequest {
  /** Unchecked IndexJob inputs, one per concurrent create. */
  jobs: Record<string, unknown>[];
}

export interface ChildJobResult {
  /** Date.now() right after create returned, before anything else was done with its outputs. */
  returnedAtMs: number;
  jobId?: string;
  jobStatus?: string;
  documentCount?: number;
  /** Peak resident set size of the process when create returned, in bytes. */
  maxRssBytes?: number;
  /** Bytes of JSON.stringify(outputs), the size the outputs take in Pulumi state. */
  outputBytes?: number;
  error?: string;
}

export interface ChildReply {
  results: ChildJobResult[];
  /** process.resourceUsage().maxRSS at the end, converted from kilobytes to bytes. */
  maxRssBytes: number;
}

async function runJob(inputs: Record<string, unknown>): Promise<ChildJobResult> {
  const provider = implementation("IndexJob");
  try {
    const checked = await provider.check!({}, inputs);
    if (checked.failures && checked.failures.length > 0) {
      const reasons = checked.failures.map((failure) => failure.reason).join("; ");
      return { returnedAtMs: Date.now(), error: `check failed: ${reasons}` };
    }
    const { outs } = await provider.create(checked.inputs);
    const returnedAtMs = Date.now();
    // Taken before the outputs are serialized below, which is the benchmark's work, not the provider's.
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    const outputs = outs as IndexJobOutputs;
    return {
      returnedAtMs,
      maxRssBytes,
      jobId: outputs.jobId,
      jobStatus: outputs.jobStatus,
      documentCount: outputs.indexedDocuments.length,
      outputBytes: Buffer.byteLength(JSON.stringify(outputs)),
    };
  } catch (error) {
    return { returnedAtMs: Date.now(), error: (error as Error).message };
  }
}

process.once("message", (request: ChildRequest) => {
  // Progress lines would only slow the child down; errors come back in the reply.
  setProgressLog({ info: () => undefined, warn: () => undefined, debug: () => undefined });
  void Promise.all(request.jobs.map((inputs) => runJob(inputs))).then((results) => {
    const reply: ChildReply = { results, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
    process.send!(reply, () => process.exit(0));
  });
});
