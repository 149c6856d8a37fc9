import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, officialClient, uploadFile } from "./helpers";

// The official @alicloud/bailian20231229 client, unchanged, runs the whole knowledge-base flow.

describe("official SDK flow", () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ timeScale: 100 });
  });

  afterAll(async () => {
    await emulator.close();
  });

  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const value = await read();
      if (done(value)) {
        return value;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("condition not reached after 200 polls");
  }

  test("uploads, indexes and retrieves a file", async () => {
    const client = officialClient(emulator);
    const ws = emulator.workspaceId;

    const category = await client.addCategory(
      ws,
      new $Bailian.AddCategoryRequest({ categoryName: "docs", categoryType: "UNSTRUCTURED" }),
    );
    const categoryId = category.body!.data!.categoryId!;
    expect(category.body!.success).toBe(true);

    const text = "The emulator stores uploaded files and answers retrieval queries about pelicans.";
    const fileId = await uploadFile(client, ws, "pelicans.txt", Buffer.from(text), categoryId);

    const described = await waitFor(
      () => client.describeFile(ws, fileId, new $Bailian.DescribeFileRequest({})),
      (response) => response.body!.data!.status === "PARSE_SUCCESS",
    );
    expect(described.body!.data!.fileName).toBe("pelicans.txt");
    expect(described.body!.data!.sizeInBytes).toBe(Buffer.byteLength(text));
    expect(described.body!.data!.createTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "pelican-kb",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
        sourceType: "DATA_CENTER_FILE",
        documentIds: [fileId],
      }),
    );
    const indexId = created.body!.data!.id!;

    const submitted = await client.submitIndexJob(
      ws,
      new $Bailian.SubmitIndexJobRequest({ indexId }),
    );
    const jobId = submitted.body!.data!.id!;
    expect(submitted.body!.data!.indexId).toBe(indexId);

    const status = await waitFor(
      () => client.getIndexJobStatus(ws, new $Bailian.GetIndexJobStatusRequest({ indexId, jobId })),
      (response) => response.body!.data!.status === "COMPLETED",
    );
    const documents = status.body!.data!.documents!;
    expect(documents).toHaveLength(1);
    expect(documents[0].docId).toBe(fileId);
    expect(documents[0].status).toBe("FINISH");
    expect(typeof documents[0].gmtModified).toBe("number");

    const retrieved = await client.retrieve(
      ws,
      new $Bailian.RetrieveRequest({ indexId, query: "pelicans" }),
    );
    const nodes = retrieved.body!.data!.nodes!;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes[0].text).toContain("pelicans");
    expect(nodes[0].score).toBeGreaterThan(0);
    expect(nodes[0].score).toBeLessThanOrEqual(1);
    expect(nodes[0].metadata).toMatchObject({
      doc_id: fileId,
      doc_name: "pelicans.txt",
      chunk_index: 0,
    });
  });
});
