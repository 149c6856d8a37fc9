import { IndexJobApi } from "../../provider/index-job/api";
import { calls, startHarness, type Harness } from "./harness";

const DOCUMENTS = 1500;

describe("IndexJobApi.jobDocuments", () => {
  let harness: Harness;
  let api: IndexJobApi;
  let jobId: string;

  beforeAll(async () => {
    harness = await startHarness({ fixedDurationSeconds: 1 });
    const fileIds = harness.emu.control.seedFiles(
      Array.from({ length: DOCUMENTS }, (_, position) => ({
        name: `page-${position}.txt`,
        content: `text of page ${position}`,
      })),
    );
    const index = await harness.client.createIndex(harness.emu.workspaceId, {
      Name: "paging",
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
    });
    api = new IndexJobApi(harness.emu.workspaceId, index.Id, { endpoint: harness.emu.endpoint }, 5);
    jobId = await api.submitAppend({ SourceType: "DATA_CENTER_FILE", DocumentIds: fileIds });
    harness.emu.control.advance(60);
  });

  afterAll(async () => {
    await harness.close();
  });

  beforeEach(() => {
    harness.emu.control.resetStats();
  });

  test("known count costs one call", async () => {
    const job = await api.jobDocuments(jobId, DOCUMENTS);

    expect(job.status).toBe("COMPLETED");
    expect(job.documents).toHaveLength(DOCUMENTS);
    expect(new Set(job.documents.map((document) => document.DocId)).size).toBe(DOCUMENTS);
    expect(calls(harness, "GetIndexJobStatus")).toBe(1);
  });

  test("unknown count reads large pages", async () => {
    const job = await api.jobDocuments(jobId);

    expect(job.documents).toHaveLength(DOCUMENTS);
    expect(new Set(job.documents.map((document) => document.DocId)).size).toBe(DOCUMENTS);
    // Pages of 1000: one full page, then a short one.
    expect(calls(harness, "GetIndexJobStatus")).toBe(2);
  });

  test("fewer documents than expected", async () => {
    const job = await api.jobDocuments(jobId, DOCUMENTS + 500);

    expect(job.documents).toHaveLength(DOCUMENTS);
    expect(new Set(job.documents.map((document) => document.DocId)).size).toBe(DOCUMENTS);
    // The short first page looks like a server-side cap, so one more page of that size is read.
    expect(calls(harness, "GetIndexJobStatus")).toBe(2);
  });
});
