import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, captureError, officialClient, signedFetch } from "./helpers";

describe("emulator parameter validation", () => {
  let emulator: Emulator;
  let client: ReturnType<typeof officialClient>;
  let ws: string;
  let fileId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false });
    client = officialClient(emulator);
    ws = emulator.workspaceId;
    [fileId] = emulator.control.seedFiles([{ name: "seed.txt", content: "seed text" }]);
  });

  afterAll(async () => {
    await emulator.close();
  });

  const validIndex = {
    name: "kb",
    structureType: "unstructured",
    sinkType: "BUILT_IN",
    sourceType: "DATA_CENTER_FILE",
  };
  // DocumentIds is added to every case except the one that tests its absence.
  const withDocuments = (fields: Record<string, unknown>) => ({ documentIds: [fileId], ...fields });

  test.each([
    ["Name missing", { ...validIndex, name: undefined }, "Name"],
    ["Name of 21 characters", { ...validIndex, name: "n".repeat(21) }, "Name"],
    ["Name with a space", { ...validIndex, name: "my kb" }, "Name"],
    [
      "StructureType other than unstructured",
      { ...validIndex, structureType: "structured" },
      "StructureType",
    ],
    ["SinkType unknown", { ...validIndex, sinkType: "OSS" }, "SinkType"],
    [
      "ADB without SinkInstanceId",
      { ...validIndex, sinkType: "ADB", sinkRegion: "cn-beijing" },
      "SinkInstanceId",
    ],
    ["ChunkSize 0", { ...validIndex, chunkSize: 0 }, "ChunkSize"],
    ["ChunkSize 6001", { ...validIndex, chunkSize: 6001 }, "ChunkSize"],
    ["OverlapSize 1025", { ...validIndex, overlapSize: 1025, chunkSize: 3000 }, "OverlapSize"],
    [
      "OverlapSize equal to ChunkSize",
      { ...validIndex, chunkSize: 50, overlapSize: 50 },
      "OverlapSize",
    ],
    ["ChunkSize 50 with the default OverlapSize", { ...validIndex, chunkSize: 50 }, "OverlapSize"],
    ["RerankMinScore 0", { ...validIndex, rerankMinScore: 0 }, "RerankMinScore"],
    ["RerankMinScore 1.5", { ...validIndex, rerankMinScore: 1.5 }, "RerankMinScore"],
    [
      "DATA_CENTER_FILE without DocumentIds",
      { ...validIndex, documentIds: undefined },
      "DocumentIds",
    ],
    [
      "Description over 1000 characters",
      { ...validIndex, description: "d".repeat(1001) },
      "Description",
    ],
  ])("CreateIndex rejects %s", async (_case, fields, parameter) => {
    const request = new $Bailian.CreateIndexRequest(withDocuments(fields));
    const error = await captureError(client.createIndex(ws, request));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("Index.InvalidParameter");
    expect(error.message).toContain(parameter);
  });

  test("CreateIndex accepts ChunkSize 50 with OverlapSize 10", async () => {
    const response = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        ...validIndex,
        documentIds: [fileId],
        chunkSize: 50,
        overlapSize: 10,
      }),
    );
    expect(response.body!.data!.id).toMatch(/^idx_/);
  });

  test.each([
    [
      "FileName of 3 characters",
      { fileName: "a.m", md5: "0".repeat(32), sizeInBytes: "10" },
      "InvalidParameter",
      "FileName",
    ],
    [
      "a disallowed extension",
      { fileName: "tool.exe", md5: "0".repeat(32), sizeInBytes: "10" },
      "InvalidParameter",
      "FileName",
    ],
    [
      "FileName of 129 characters",
      { fileName: `${"f".repeat(125)}.txt`, md5: "0".repeat(32), sizeInBytes: "10" },
      "InvalidParameter",
      "FileName",
    ],
    [
      "SizeInBytes 0",
      { fileName: "notes.txt", md5: "0".repeat(32), sizeInBytes: "0" },
      "InvalidParameter",
      "SizeInBytes",
    ],
    [
      "SizeInBytes over 100,000,000",
      { fileName: "notes.txt", md5: "0".repeat(32), sizeInBytes: "100000001" },
      "DataCenter.FileTooLarge",
      "SizeInBytes",
    ],
    [
      "an Md5 that is not hex",
      { fileName: "notes.txt", md5: "xyz", sizeInBytes: "10" },
      "InvalidParameter",
      "Md5",
    ],
    ["a missing Md5", { fileName: "notes.txt", sizeInBytes: "10" }, "InvalidParameter", "Md5"],
  ])("ApplyFileUploadLease rejects %s", async (_case, fields, code, parameter) => {
    const error = await captureError(
      client.applyFileUploadLease("default", ws, new $Bailian.ApplyFileUploadLeaseRequest(fields)),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe(code);
    expect(error.message).toContain(parameter);
  });

  test("ApplyFileUploadLease accepts html", async () => {
    const response = await client.applyFileUploadLease(
      "default",
      ws,
      new $Bailian.ApplyFileUploadLeaseRequest({
        fileName: "page.html",
        md5: "0".repeat(32),
        sizeInBytes: "10",
      }),
    );
    expect(response.body!.data!.param!.method).toBe("PUT");
  });

  test.each([
    ["RerankTopN 21", { rerankTopN: 21 }, "RerankTopN"],
    ["DenseSimilarityTopK 101", { denseSimilarityTopK: 101 }, "DenseSimilarityTopK"],
    ["a missing Query", { query: undefined }, "Query"],
    ["RerankMinScore 0.001", { rerankMinScore: 0.001 }, "RerankMinScore"],
  ])("Retrieve rejects %s", async (_case, fields, parameter) => {
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({ ...validIndex, documentIds: [fileId] }),
    );
    const request = new $Bailian.RetrieveRequest({
      indexId: created.body!.data!.id,
      query: "text",
      ...fields,
    });
    const error = await captureError(client.retrieve(ws, request));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("Index.InvalidParameter");
    expect(error.message).toContain(parameter);
  });

  test("GetIndexJobStatus rejects pageSize 0", async () => {
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({ ...validIndex, documentIds: [fileId] }),
    );
    const indexId = created.body!.data!.id!;
    const job = await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    const error = await captureError(
      client.getIndexJobStatus(
        ws,
        new $Bailian.GetIndexJobStatusRequest({ indexId, jobId: job.body!.data!.id, pageSize: 0 }),
      ),
    );
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("pageSize");
  });

  test("SubmitIndexJob rejects an index created without SourceType", async () => {
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "nosource",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
      }),
    );
    const error = await captureError(
      client.submitIndexJob(
        ws,
        new $Bailian.SubmitIndexJobRequest({ indexId: created.body!.data!.id }),
      ),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("InvalidParameter");
    expect(error.message).toContain("data_sources");
  });

  test("AddFile rejects more than 10 tags", async () => {
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    const error = await captureError(
      client.addFile(
        ws,
        new $Bailian.AddFileRequest({
          leaseId: "lease_x",
          parser: "DASHSCOPE_DOCMIND",
          categoryId: "default",
          tags,
        }),
      ),
    );
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("Tags");
  });

  test("lists sent flattened get a hint to send JSON", async () => {
    const response = await signedFetch(emulator, {
      method: "POST",
      path: `/${ws}/index/create`,
      action: "CreateIndex",
      query: {
        ...{
          Name: "kb",
          StructureType: "unstructured",
          SinkType: "BUILT_IN",
          SourceType: "DATA_CENTER_FILE",
        },
        "DocumentIds.1": fileId,
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.Message).toContain("JSON array");
  });

  test("a list that is not JSON is rejected", async () => {
    const response = await signedFetch(emulator, {
      method: "POST",
      path: `/${ws}/index/create`,
      action: "CreateIndex",
      query: {
        Name: "kb",
        StructureType: "unstructured",
        SinkType: "BUILT_IN",
        SourceType: "DATA_CENTER_FILE",
        DocumentIds: fileId,
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.Code).toBe("Index.InvalidParameter");
    expect(response.body.Message).toContain("DocumentIds");
  });
});
