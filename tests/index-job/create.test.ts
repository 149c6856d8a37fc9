import {
  calls,
  checked,
  createIndex,
  jobInputs,
  seedFiles,
  startHarness,
  type Harness,
} from "./harness";
import type { IndexJobOutputs } from "../../provider/index-job/types";

describe("IndexJob create", () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  test("build job reaches COMPLETED", async () => {
    const fileIds = seedFiles(harness, ["alpha text", "beta text", "gamma text"]);
    const indexId = await createIndex(harness, fileIds);

    const inputs = await checked(harness, jobInputs(harness, indexId));
    const { id, outs } = await harness.provider.create(inputs);
    const outputs = outs as IndexJobOutputs;

    expect(id).toBe(outputs.jobId);
    expect(outputs.kind).toBe("build");
    expect(outputs.jobStatus).toBe("COMPLETED");
    expect(outputs.readyIndexId).toBe(indexId);
    expect(outputs.indexedDocuments.map((document) => document.documentId).sort()).toEqual(
      [...fileIds].sort(),
    );
    expect(outputs.indexedDocuments.every((document) => document.status === "FINISH")).toBe(true);
    expect(outputs.indexedDocuments[0].modifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(outputs.documentCounts).toEqual({
      total: 3,
      finished: 3,
      failed: 0,
      running: 0,
      deleted: 0,
    });
    expect(outputs.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(1);
    expect(harness.info.some((line) => line.includes("COMPLETED"))).toBe(true);
  });

  test("append job ingests listed files", async () => {
    const buildFiles = seedFiles(harness, ["base document"]);
    const indexId = await createIndex(harness, buildFiles);
    await harness.provider.create(await checked(harness, jobInputs(harness, indexId)));
    const appendFiles = seedFiles(harness, ["one", "two"]);

    const inputs = await checked(
      harness,
      jobInputs(harness, indexId, {
        documents: {
          sourceType: "DATA_CENTER_FILE",
          ids: appendFiles,
          chunkSize: 200,
          overlapSize: 20,
        },
      }),
    );
    const outputs = (await harness.provider.create(inputs)).outs as IndexJobOutputs;

    expect(outputs.kind).toBe("append");
    expect(outputs.adopted).toBe(false);
    expect(outputs.readyIndexId).toBe(indexId);
    expect(outputs.indexedDocuments.map((document) => document.documentId).sort()).toEqual(
      [...appendFiles].sort(),
    );
    expect(harness.emu.control.jobs().at(-1)?.kind).toBe("append");
    expect(harness.info.some((line) => /\d+\/2 documents finished/.test(line))).toBe(true);
    expect(new Set(harness.info).size).toBe(harness.info.length);
  });

  test("status polls stay within one per interval", async () => {
    harness.emu.control.setJobTiming({ fixedDurationSeconds: 60 });
    const indexId = await createIndex(harness, seedFiles(harness, ["text"]));
    harness.emu.control.resetStats();

    const started = Date.now();
    await harness.provider.create(await checked(harness, jobInputs(harness, indexId)));
    const seconds = (Date.now() - started) / 1000;

    // Polls of one small page each, plus one large page once the job is done.
    expect(calls(harness, "GetIndexJobStatus")).toBeLessThanOrEqual(Math.floor(seconds / 0.05) + 1);
    expect(harness.emu.control.stats().throttled.GetIndexJobStatus ?? 0).toBe(0);
  });
});
