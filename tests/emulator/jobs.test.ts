import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, officialClient } from "./helpers";

type Client = ReturnType<typeof officialClient>;

describe("emulator index jobs", () => {
  let emulator: Emulator;
  let client: Client;
  let ws: string;

  beforeEach(async () => {
    emulator = await startEmulator({ rateLimits: false });
    client = officialClient(emulator);
    ws = emulator.workspaceId;
  });

  afterEach(async () => {
    await emulator.close();
  });

  async function newCategory(name: string): Promise<string> {
    const response = await client.addCategory(
      ws,
      new $Bailian.AddCategoryRequest({ categoryName: name, categoryType: "UNSTRUCTURED" }),
    );
    return response.body!.data!.categoryId!;
  }

  async function buildFromCategory(categoryId: string) {
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "kb",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
        sourceType: "DATA_CENTER_CATEGORY",
        categoryIds: [categoryId],
      }),
    );
    const indexId = created.body!.data!.id!;
    const job = await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    return { indexId, jobId: job.body!.data!.id! };
  }

  async function buildFromFiles(documentIds: string[]) {
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "kb",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
        sourceType: "DATA_CENTER_FILE",
        documentIds,
      }),
    );
    const indexId = created.body!.data!.id!;
    const job = await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    return { indexId, jobId: job.body!.data!.id! };
  }

  function status(indexId: string, jobId: string, pageNumber = 1, pageSize?: number) {
    return client
      .getIndexJobStatus(
        ws,
        new $Bailian.GetIndexJobStatusRequest({ indexId, jobId, pageNumber, pageSize }),
      )
      .then((response) => response.body!.data!);
  }

  /** Reads every page until one is shorter than pageSize, as a client without a total count must. */
  async function allDocuments(indexId: string, jobId: string, pageSize: number) {
    const documents = [];
    for (let page = 1; ; page += 1) {
      const data = await status(indexId, jobId, page, pageSize);
      documents.push(...data.documents!);
      if (data.documents!.length < pageSize) {
        return documents;
      }
    }
  }

  test("moves from PENDING through RUNNING to COMPLETED", async () => {
    emulator.control.setJobTiming({
      pendingSeconds: 2,
      secondsPerDocument: 1,
      minRunningSeconds: 5,
    });
    const ids = emulator.control.seedFiles([{ name: "a.txt", content: "alpha" }]);
    const { indexId, jobId } = await buildFromFiles(ids);
    expect((await status(indexId, jobId)).status).toBe("PENDING");
    emulator.control.advance(3);
    const running = await status(indexId, jobId);
    expect(running.status).toBe("RUNNING");
    expect(running.documents![0].status).toBe("RUNNING");
    emulator.control.advance(5);
    const done = await status(indexId, jobId);
    expect(done.status).toBe("COMPLETED");
    expect(done.documents![0].status).toBe("FINISH");
  });

  test("fixedDurationSeconds sets the whole job duration", async () => {
    emulator.control.setJobTiming({ pendingSeconds: 10, fixedDurationSeconds: 1800 });
    const ids = emulator.control.seedFiles([{ name: "a.txt", content: "alpha" }]);
    const { indexId, jobId } = await buildFromFiles(ids);
    emulator.control.advance(1790);
    expect((await status(indexId, jobId)).status).toBe("RUNNING");
    emulator.control.advance(11);
    expect((await status(indexId, jobId)).status).toBe("COMPLETED");
  });

  test.each([0, 1, 10, 11, 2500])("pages %i documents without loss or repeats", async (count) => {
    emulator.control.setJobTiming({ pendingSeconds: 0, fixedDurationSeconds: 1 });
    const categoryId = await newCategory(`c${count}`);
    const names = Array.from({ length: count }, (_, i) => `季度 报告 ${i}.txt`);
    const ids = emulator.control.seedFiles(
      names.map((name) => ({ name, content: `正文 ${name}`, categoryId })),
    );
    const { indexId, jobId } = await buildFromCategory(categoryId);
    emulator.control.advance(2);

    const pageSize = 10;
    const documents = await allDocuments(indexId, jobId, pageSize);
    expect(documents.map((document) => document.docId)).toEqual(ids);
    expect(documents.map((document) => document.docName)).toEqual(names);
    expect(new Set(documents.map((document) => document.docId)).size).toBe(count);
    expect((await status(indexId, jobId)).status).toBe("COMPLETED");
  });

  test("pages 2,500 documents in pages of 1,000 in a stable order", async () => {
    emulator.control.setJobTiming({ pendingSeconds: 0, fixedDurationSeconds: 1 });
    const categoryId = await newCategory("big");
    const ids = emulator.control.seedFiles(
      Array.from({ length: 2500 }, (_, i) => ({
        name: `doc ${i}.md`,
        content: `text ${i}`,
        categoryId,
      })),
    );
    const { indexId, jobId } = await buildFromCategory(categoryId);
    const first = await allDocuments(indexId, jobId, 1000);
    const second = await allDocuments(indexId, jobId, 1000);
    expect(first.map((document) => document.docId)).toEqual(ids);
    expect(second.map((document) => document.docId)).toEqual(ids);
  });

  test("documents finish one after another", async () => {
    emulator.control.setJobTiming({
      pendingSeconds: 0,
      secondsPerDocument: 10,
      minRunningSeconds: 0,
    });
    const ids = emulator.control.seedFiles(
      [1, 2, 3].map((i) => ({ name: `f${i}.txt`, content: `file ${i}` })),
    );
    const { indexId, jobId } = await buildFromFiles(ids);
    emulator.control.advance(15);
    const statuses = (await status(indexId, jobId)).documents!.map((document) => document.status);
    expect(statuses).toEqual(["FINISH", "RUNNING", "RUNNING"]);
  });

  test("reports INSERT_ERROR with a cause per document", async () => {
    emulator.control.setJobTiming({ pendingSeconds: 0, fixedDurationSeconds: 1 });
    const ids = emulator.control.seedFiles([
      { name: "good.txt", content: "useful text" },
      { name: "blank.txt", content: "   \n" },
      { name: "slides.pptx", content: "ignored" },
      { name: "huge.txt", content: "x".repeat(2_000_001) },
    ]);
    const { indexId, jobId } = await buildFromFiles([...ids, "file_missing"]);
    emulator.control.advance(2);

    const data = await status(indexId, jobId, 1, 10);
    expect(data.status).toBe("COMPLETED");

    const byName = Object.fromEntries(
      data.documents!.map((document) => [document.docName, document]),
    );
    expect(byName["good.txt"].status).toBe("FINISH");
    expect(byName["blank.txt"]).toMatchObject({
      status: "INSERT_ERROR",
      code: "Index.Document.EmptyContent",
    });
    expect(byName["slides.pptx"]).toMatchObject({
      status: "INSERT_ERROR",
      code: "Index.Document.UnsupportedType",
    });
    expect(byName["huge.txt"]).toMatchObject({
      status: "INSERT_ERROR",
      code: "Index.Document.TooLarge",
    });
    expect(byName["file_missing"]).toMatchObject({
      status: "INSERT_ERROR",
      code: "Index.Document.FileNotFound",
    });
    expect(byName["blank.txt"].message).not.toBe("");
  });

  test("ends FAILED when every document failed", async () => {
    emulator.control.setJobTiming({ pendingSeconds: 0, fixedDurationSeconds: 1 });
    const { indexId, jobId } = await buildFromFiles(["file_missing_1", "file_missing_2"]);
    emulator.control.advance(2);
    expect((await status(indexId, jobId)).status).toBe("FAILED");
  });

  test("an empty category builds an empty index that COMPLETES", async () => {
    const categoryId = await newCategory("empty");
    const { indexId, jobId } = await buildFromCategory(categoryId);
    emulator.control.advance(60);
    const data = await status(indexId, jobId);
    expect(data.status).toBe("COMPLETED");
    expect(data.documents).toEqual([]);
  });

  test("forceJobFailure fails the next job of that index only", async () => {
    emulator.control.setJobTiming({ pendingSeconds: 0, fixedDurationSeconds: 1 });
    const ids = emulator.control.seedFiles([{ name: "a.txt", content: "alpha" }]);
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "kb",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
        sourceType: "DATA_CENTER_FILE",
        documentIds: ids,
      }),
    );
    const indexId = created.body!.data!.id!;
    emulator.control.forceJobFailure(indexId);
    const failing = await client.submitIndexJob(
      ws,
      new $Bailian.SubmitIndexJobRequest({ indexId }),
    );
    const next = await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    emulator.control.advance(2);
    const failed = await status(indexId, failing.body!.data!.id!);
    expect(failed.status).toBe("FAILED");
    expect(failed.documents![0].code).toBe("Index.Document.InternalError");
    expect((await status(indexId, next.body!.data!.id!)).status).toBe("COMPLETED");
  });

  test("appends documents and lists them with ListIndexDocuments", async () => {
    emulator.control.setJobTiming({ pendingSeconds: 0, fixedDurationSeconds: 1 });
    const [first, second] = emulator.control.seedFiles([
      { name: "first.txt", content: "first text" },
      { name: "second.txt", content: "second text" },
    ]);
    const { indexId } = await buildFromFiles([first]);
    const appended = await client.submitIndexAddDocumentsJob(
      ws,
      new $Bailian.SubmitIndexAddDocumentsJobRequest({
        indexId,
        sourceType: "DATA_CENTER_FILE",
        documentIds: [second],
      }),
    );
    emulator.control.advance(2);
    expect((await status(indexId, appended.body!.data!.id!)).status).toBe("COMPLETED");

    const listed = await client.listIndexDocuments(
      ws,
      new $Bailian.ListIndexDocumentsRequest({ indexId }),
    );
    const data = listed.body!.data!;
    expect(data.totalCount).toBe(2);
    expect(data.documents!.map((document) => document.name)).toEqual(["first.txt", "second.txt"]);
    expect(data.documents![0]).toMatchObject({
      status: "FINISH",
      documentType: "txt",
      size: 10,
      sourceId: "default",
    });
    expect(emulator.control.jobs(ws).map((job) => job.kind)).toEqual(["build", "append"]);
  });

  test("DeleteIndexDocument rejects RUNNING and deletes FINISH documents", async () => {
    emulator.control.setJobTiming({ pendingSeconds: 0, fixedDurationSeconds: 10 });
    const ids = emulator.control.seedFiles([{ name: "a.txt", content: "alpha" }]);
    const { indexId, jobId } = await buildFromFiles(ids);
    const remove = () =>
      client.deleteIndexDocument(
        ws,
        new $Bailian.DeleteIndexDocumentRequest({ indexId, documentIds: ids }),
      );
    await expect(remove()).rejects.toMatchObject({ code: "Index.InvalidParameter" });
    emulator.control.advance(11);
    const removed = await remove();
    expect(removed.body!.data!.deletedDocument).toEqual(ids);
    expect((await status(indexId, jobId)).documents![0].status).toBe("DELETED");
    const again = await remove();
    expect(again.body!.data!.deletedDocument).toEqual(ids);
  });

  test("DeleteIndex removes the index and its jobs", async () => {
    const ids = emulator.control.seedFiles([{ name: "a.txt", content: "alpha" }]);
    const { indexId, jobId } = await buildFromFiles(ids);
    await client.deleteIndex(ws, new $Bailian.DeleteIndexRequest({ indexId }));
    await expect(status(indexId, jobId)).rejects.toMatchObject({
      code: "Index.NotFound",
      statusCode: 404,
    });
    const listed = await client.listIndices(ws, new $Bailian.ListIndicesRequest({}));
    expect(listed.body!.data!.totalCount).toBe(0);
  });

  test("ListIndices returns typed fields", async () => {
    const ids = emulator.control.seedFiles([{ name: "a.txt", content: "alpha" }]);
    await buildFromFiles(ids);
    const listed = await client.listIndices(
      ws,
      new $Bailian.ListIndicesRequest({ indexName: "kb" }),
    );
    const index = listed.body!.data!.indices![0];
    expect(index).toMatchObject({
      name: "kb",
      chunkSize: 500,
      overlapSize: 100,
      rerankMinScore: "0.01",
      documentIds: ids,
    });
    expect(listed.body!.data!.pageSize).toBe(10);
  });
});
