import type { IndexJobOutputs } from "../../provider/index-job/types";
import { checked, createIndex, jobInputs, seedFiles, startHarness, type Harness } from "./harness";

// A create that was cut off after its submit left a job that was never recorded. The next create
// must find that work in the index instead of ingesting the same files twice.
describe("IndexJob adoption", () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({
      pendingSeconds: 2,
      secondsPerDocument: 10,
      minRunningSeconds: 5,
    });
  });

  afterEach(async () => {
    await harness.close();
  });

  test("build already submitted is adopted", async () => {
    const fileIds = seedFiles(harness, ["a", "b"]);
    const indexId = await createIndex(harness, fileIds);
    await harness.client.submitIndexJob(harness.emu.workspaceId, { IndexId: indexId });

    const { id, outs } = await harness.provider.create(
      await checked(harness, jobInputs(harness, indexId)),
    );
    const outputs = outs as IndexJobOutputs;

    expect(harness.emu.control.stats().jobsSubmitted).toBe(1);
    expect(id).toBe(`${indexId}/adopted`);
    expect(outputs.adopted).toBe(true);
    expect(outputs.jobId).toBe("");
    expect(outputs.jobStatus).toBe("COMPLETED");
    expect(outputs.readyIndexId).toBe(indexId);
    expect(outputs.indexedDocuments.map((d) => d.documentId).sort()).toEqual([...fileIds].sort());
    expect(outputs.indexedDocuments.every((d) => d.status === "FINISH")).toBe(true);
  });

  test("append submits only missing files", async () => {
    const indexId = await createIndex(harness, seedFiles(harness, ["base"]));
    await harness.provider.create(await checked(harness, jobInputs(harness, indexId)));
    const fileIds = seedFiles(harness, ["one", "two", "three"]);
    await harness.client.submitIndexAddDocumentsJob(harness.emu.workspaceId, {
      IndexId: indexId,
      SourceType: "DATA_CENTER_FILE",
      DocumentIds: fileIds.slice(0, 2),
    });
    const submitted = harness.emu.control.stats().jobsSubmitted;

    const documents = { sourceType: "DATA_CENTER_FILE", ids: fileIds };
    const { id, outs } = await harness.provider.create(
      await checked(harness, jobInputs(harness, indexId, { documents })),
    );
    const outputs = outs as IndexJobOutputs;

    expect(harness.emu.control.stats().jobsSubmitted).toBe(submitted + 1);
    expect(harness.emu.control.jobs().at(-1)?.documentIds).toEqual([fileIds[2]]);
    expect(id).toBe(outputs.jobId);
    expect(outputs.adopted).toBe(true);
    expect(outputs.readyIndexId).toBe(indexId);
    expect(outputs.indexedDocuments.map((d) => d.documentId).sort()).toEqual([...fileIds].sort());
    expect(outputs.documentCounts.finished).toBe(3);
    const warning = harness.warnings.find((line) => line.includes("already in the index"));
    expect(warning).toContain("2 requested documents");
    expect(warning).toContain("retainDocumentsOnDelete");
  });

  test("category append adopts present categories", async () => {
    const indexId = await createIndex(harness, seedFiles(harness, ["base"]));
    await harness.provider.create(await checked(harness, jobInputs(harness, indexId)));
    const { CategoryId: done } = await harness.client.addCategory(harness.emu.workspaceId, {
      CategoryName: "done",
      CategoryType: "UNSTRUCTURED",
    });
    const { CategoryId: fresh } = await harness.client.addCategory(harness.emu.workspaceId, {
      CategoryName: "fresh",
      CategoryType: "UNSTRUCTURED",
    });
    seedFiles(harness, ["in done"], done);
    const freshFiles = seedFiles(harness, ["in fresh"], fresh);
    await harness.client.submitIndexAddDocumentsJob(harness.emu.workspaceId, {
      IndexId: indexId,
      SourceType: "DATA_CENTER_CATEGORY",
      CategoryIds: [done],
    });
    const submitted = harness.emu.control.stats().jobsSubmitted;

    const documents = { sourceType: "DATA_CENTER_CATEGORY", ids: [done, fresh] };
    const { outs } = await harness.provider.create(
      await checked(harness, jobInputs(harness, indexId, { documents })),
    );

    expect(harness.emu.control.stats().jobsSubmitted).toBe(submitted + 1);
    expect(harness.emu.control.jobs().at(-1)?.documentIds).toEqual(freshFiles);
    expect((outs as IndexJobOutputs).documentCounts.total).toBe(2);
  });
});
