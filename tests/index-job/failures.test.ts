import { BailianApiError } from "../../provider/client";
import {
  IndexJobFailedError,
  IndexJobInterruptedError,
  IndexJobTimeoutError,
} from "../../provider/index-job/errors";
import type { IndexJobOutputs } from "../../provider/index-job/types";
import {
  calls,
  checked,
  createIndex,
  jobInputs,
  seedFiles,
  startHarness,
  type Harness,
} from "./harness";

describe("IndexJob failures", () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error("expected the call to fail");
  }

  test("FAILED job keeps the resource", async () => {
    const indexId = await createIndex(harness, seedFiles(harness, ["some text"]));
    harness.emu.control.forceJobFailure(indexId);

    const error = await rejection(
      harness.provider.create(await checked(harness, jobInputs(harness, indexId))),
    );

    expect(error).toBeInstanceOf(IndexJobFailedError);
    const failed = error as IndexJobFailedError;
    expect(failed.id).toBe(failed.properties.jobId);
    expect(failed.properties.jobStatus).toBe("FAILED");
    expect(failed.properties.readyIndexId).toBeUndefined();
    expect(failed.message).toContain(`index ${indexId}`);
    expect(failed.message).toContain(`workspace ${harness.emu.workspaceId}`);
    expect(failed.message).toContain(`job ${failed.properties.jobId}`);
    expect(failed.message).toContain("retryFailedJob");
    const secret = harness.emu.accessKeySecret;
    expect(failed.message).not.toContain(secret);
    expect(JSON.stringify(failed.properties)).not.toContain(secret);
    expect(harness.info.join("\n")).not.toContain(secret);
  });

  test("retryFailedJob resubmits FAILED append", async () => {
    const indexId = await createIndex(harness, seedFiles(harness, ["base"]));
    await harness.provider.create(await checked(harness, jobInputs(harness, indexId)));
    const fileIds = seedFiles(harness, ["first", "second"]);
    const documents = { sourceType: "DATA_CENTER_FILE", ids: fileIds };
    const inputs = await checked(harness, jobInputs(harness, indexId, { documents }));
    harness.emu.control.forceJobFailure(indexId);
    const failed = (await rejection(harness.provider.create(inputs))) as IndexJobFailedError;
    expect(failed.properties.jobStatus).toBe("FAILED");

    const sameError = await rejection(
      harness.provider.update!(failed.id, failed.properties, inputs),
    );
    expect(sameError).toBeInstanceOf(IndexJobFailedError);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(2);

    const retry = await checked(harness, { ...inputs, retryFailedJob: true });
    const { outs } = await harness.provider.update!(failed.id, failed.properties, retry);
    const outputs = outs as IndexJobOutputs;
    expect(outputs.jobStatus).toBe("COMPLETED");
    expect(outputs.jobId).not.toBe(failed.properties.jobId);
    expect(outputs.readyIndexId).toBe(indexId);
    expect(outputs.documentCounts).toEqual({
      total: 2,
      finished: 2,
      failed: 0,
      running: 0,
      deleted: 0,
    });
    expect(harness.emu.control.stats().jobsSubmitted).toBe(3);
    const lastJob = harness.emu.control.jobs().at(-1);
    expect(lastJob?.documentIds.sort()).toEqual([...fileIds].sort());
  });

  test("FAILED build is resubmitted", async () => {
    const indexId = await createIndex(harness, seedFiles(harness, ["some text"]));
    harness.emu.control.forceJobFailure(indexId);
    const inputs = await checked(harness, jobInputs(harness, indexId, { retryFailedJob: true }));
    const failed = (await rejection(harness.provider.create(inputs))) as IndexJobFailedError;

    const { outs } = await harness.provider.update!(failed.id, failed.properties, inputs);

    const outputs = outs as IndexJobOutputs;
    expect(outputs.jobId).not.toBe(failed.properties.jobId);
    expect(outputs.jobStatus).toBe("COMPLETED");
    expect(outputs.readyIndexId).toBe(indexId);
    expect(outputs.documentCounts.finished).toBe(1);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(2);
  });

  describe("partly failed documents", () => {
    async function runWithPolicy(policy: Record<string, unknown>) {
      const indexId = await createIndex(harness, seedFiles(harness, ["good", "fine", "ok", ""]));
      const inputs = await checked(harness, jobInputs(harness, indexId, policy));
      return harness.provider.create(inputs);
    }

    test("any-document-error fails", async () => {
      const error = (await rejection(runWithPolicy({}))) as IndexJobFailedError;
      expect(error).toBeInstanceOf(IndexJobFailedError);
      expect(error.properties.jobStatus).toBe("COMPLETED");
      expect(error.properties.documentCounts.failed).toBe(1);
      expect(error.message).toContain("failed documents:");
      expect(error.message).toMatch(/3\/4 documents finished, 1 failed/);
    });

    test("job-failed accepts a COMPLETED job", async () => {
      const { outs } = await runWithPolicy({ failOn: "job-failed" });
      expect((outs as IndexJobOutputs).readyIndexId).toBeDefined();
      expect((outs as IndexJobOutputs).documentCounts.failed).toBe(1);
    });

    test("failed-ratio accepts a ratio within bounds", async () => {
      const { outs } = await runWithPolicy({ failOn: "failed-ratio", maxFailedRatio: 0.25 });
      expect((outs as IndexJobOutputs).readyIndexId).toBeDefined();
    });

    test("failed-ratio rejects a ratio above bounds", async () => {
      const error = await rejection(runWithPolicy({ failOn: "failed-ratio", maxFailedRatio: 0.2 }));
      expect(error).toBeInstanceOf(IndexJobFailedError);
      expect(error.message).toContain("above maxFailedRatio 0.2");
    });
  });

  test("timeout then update resumes job", async () => {
    harness.emu.control.setJobTiming({ fixedDurationSeconds: 3600 });
    const indexId = await createIndex(harness, seedFiles(harness, ["slow text"]));
    const inputs = await checked(harness, jobInputs(harness, indexId, { timeoutSeconds: 0.3 }));

    const error = (await rejection(harness.provider.create(inputs))) as IndexJobTimeoutError;

    expect(error).toBeInstanceOf(IndexJobTimeoutError);
    expect(error.id).toBe(error.properties.jobId);
    expect(error.properties.jobStatus).toMatch(/PENDING|RUNNING/);
    expect(error.properties.readyIndexId).toBeUndefined();
    expect(error.message).toContain("timed out after");
    expect(error.message).toContain("resumes waiting");
    expect(harness.emu.control.stats().jobsSubmitted).toBe(1);

    harness.emu.control.advance(3600);
    const resumed = await harness.provider.update!(error.id, error.properties, {
      ...inputs,
      timeoutSeconds: 30,
    });
    const outputs = resumed.outs as IndexJobOutputs;
    expect(outputs.jobId).toBe(error.properties.jobId);
    expect(outputs.jobStatus).toBe("COMPLETED");
    expect(outputs.readyIndexId).toBe(indexId);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(1);
  });

  test("interrupted wait reports last status", async () => {
    harness.emu.control.setJobTiming({ pendingSeconds: 1, fixedDurationSeconds: 3600 });
    const indexId = await createIndex(harness, seedFiles(harness, ["slow text"]));
    const inputs = await checked(harness, jobInputs(harness, indexId));

    const pending = rejection(harness.provider.create(inputs));
    // Once the job has been seen RUNNING, every status call fails for longer than the retries.
    while (!harness.info.some((line) => line.includes(": RUNNING"))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    harness.emu.control.injectFault({
      operation: "GetIndexJobStatus",
      kind: "server-error",
      count: 1000,
    });
    const error = (await pending) as IndexJobInterruptedError;

    expect(error).toBeInstanceOf(IndexJobInterruptedError);
    expect(error.properties.jobStatus).toBe("RUNNING");
    expect(error.message).toContain("stopped with status RUNNING");
    expect(error.message).toContain("resumes waiting for the same job");
    expect(calls(harness, "GetIndexJobStatus")).toBeGreaterThan(2);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(1);
  });

  test("throttling storm still completes", async () => {
    const indexId = await createIndex(harness, seedFiles(harness, ["text one", "text two"]));
    harness.emu.control.injectFault({ operation: "GetIndexJobStatus", kind: "throttle", count: 6 });
    harness.emu.control.injectFault({
      operation: "GetIndexJobStatus",
      kind: "server-error",
      count: 2,
    });
    harness.emu.control.injectFault({ operation: "ListIndexDocuments", kind: "drop", count: 2 });

    const { outs } = await harness.provider.create(
      await checked(harness, jobInputs(harness, indexId)),
    );

    expect((outs as IndexJobOutputs).readyIndexId).toBe(indexId);
    expect(harness.emu.control.stats().throttled.GetIndexJobStatus).toBeGreaterThanOrEqual(6);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(1);
  });

  test("failed submit is not repeated", async () => {
    const indexId = await createIndex(harness, seedFiles(harness, ["text"]));
    const inputs = await checked(harness, jobInputs(harness, indexId));
    harness.emu.control.injectFault({
      operation: "SubmitIndexJob",
      kind: "server-error",
      count: 1,
    });

    const error = await rejection(harness.provider.create(inputs));

    expect(error).toBeInstanceOf(BailianApiError);
    expect(harness.emu.control.stats().requests.SubmitIndexJob ?? 0).toBeLessThanOrEqual(1);
    expect(error).not.toHaveProperty("id");
    const { outs } = await harness.provider.create(inputs);
    expect((outs as IndexJobOutputs).readyIndexId).toBe(indexId);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(1);
  });

  test("delete waits for an unfinished job", async () => {
    harness.emu.control.setJobTiming({ fixedDurationSeconds: 3600 });
    const indexId = await createIndex(harness, seedFiles(harness, ["slow text"]));
    const inputs = await checked(harness, jobInputs(harness, indexId, { timeoutSeconds: 0.3 }));
    const timedOut = (await rejection(harness.provider.create(inputs))) as IndexJobTimeoutError;

    const early = await rejection(harness.provider.delete!(timedOut.id, timedOut.properties));
    expect(early.message).toContain(`Cannot delete the documents of IndexJob ${timedOut.id}`);
    expect(early.message).toContain("run the destroy again");

    harness.emu.control.advance(3600);
    await harness.provider.delete!(timedOut.id, timedOut.properties);
    const listing = await harness.client.listIndexDocuments(harness.emu.workspaceId, {
      IndexId: indexId,
    });
    expect(listing.Documents.map((document) => document.Status)).toEqual(["DELETED"]);
  });

  test("forbidden workspace fails at once", async () => {
    harness.emu.control.addWorkspace("llm-forbidden", { forbidden: true });
    const inputs = await checked(harness, {
      ...jobInputs(harness, "idx-1"),
      workspaceId: "llm-forbidden",
    });

    const error = await rejection(harness.provider.create(inputs));

    expect(error).toBeInstanceOf(BailianApiError);
    expect((error as BailianApiError).httpStatus).toBe(403);
    expect(harness.emu.control.stats().requests.ListIndexDocuments).toBe(1);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(0);
    expect(error).not.toHaveProperty("id");
  });

  test("unknown index fails at once", async () => {
    const inputs = await checked(harness, jobInputs(harness, "idx-missing"));

    const error = await rejection(harness.provider.create(inputs));

    expect(error).toBeInstanceOf(BailianApiError);
    expect((error as BailianApiError).notFound).toBe(true);
    expect(harness.emu.control.stats().requests.ListIndexDocuments).toBe(1);
  });
});
