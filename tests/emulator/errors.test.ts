import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, captureError, officialClient } from "./helpers";

describe("emulator not-found and forbidden errors", () => {
  let emulator: Emulator;
  let client: ReturnType<typeof officialClient>;
  let ws: string;

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false });
    emulator.control.addWorkspace("llm-locked", { forbidden: true });
    client = officialClient(emulator);
    ws = emulator.workspaceId;
  });

  afterAll(async () => {
    await emulator.close();
  });

  test.each([
    [
      "an unknown workspace",
      () => client.listIndices("llm-missing", new $Bailian.ListIndicesRequest({})),
      "Workspace.NotFound",
    ],
    [
      "an unknown index",
      () =>
        client.getIndexJobStatus(
          ws,
          new $Bailian.GetIndexJobStatusRequest({ indexId: "idx_missing", jobId: "job_x" }),
        ),
      "Index.NotFound",
    ],
    [
      "DeleteIndex of an unknown index",
      () => client.deleteIndex(ws, new $Bailian.DeleteIndexRequest({ indexId: "idx_missing" })),
      "Index.NotFound",
    ],
    [
      "DescribeFile of an unknown file",
      () => client.describeFile(ws, "file_missing", new $Bailian.DescribeFileRequest({})),
      "File.NotFound",
    ],
    [
      "DeleteFile of an unknown file",
      () => client.deleteFile("file_missing", ws, new $Bailian.DeleteFileRequest({})),
      "File.NotFound",
    ],
    [
      "a lease in an unknown category",
      () =>
        client.applyFileUploadLease(
          "cate_missing",
          ws,
          new $Bailian.ApplyFileUploadLeaseRequest({
            fileName: "a.txt",
            md5: "0".repeat(32),
            sizeInBytes: "1",
          }),
        ),
      "Category.NotFound",
    ],
    [
      "AddFile with an unknown lease",
      () =>
        client.addFile(
          ws,
          new $Bailian.AddFileRequest({
            leaseId: "lease_missing",
            parser: "DASHSCOPE_DOCMIND",
            categoryId: "default",
          }),
        ),
      "Lease.NotFound",
    ],
  ])("returns 404 for %s", async (_case, call, code) => {
    const error = await captureError(call());
    expect(error.name).toBe("ClientError");
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe(code);
  });

  test("returns 404 for an unknown job of a known index", async () => {
    const [fileId] = emulator.control.seedFiles([{ name: "a.txt", content: "alpha" }]);
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "kb",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
        sourceType: "DATA_CENTER_FILE",
        documentIds: [fileId],
      }),
    );
    const error = await captureError(
      client.getIndexJobStatus(
        ws,
        new $Bailian.GetIndexJobStatusRequest({
          indexId: created.body!.data!.id,
          jobId: "job_missing",
        }),
      ),
    );
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe("Index.Job.NotFound");
  });

  test("returns Index.Forbidden for index calls in a forbidden workspace", async () => {
    const error = await captureError(
      client.listIndices("llm-locked", new $Bailian.ListIndicesRequest({})),
    );
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe("Index.Forbidden");
  });

  test("returns Forbidden for data-center calls in a forbidden workspace", async () => {
    const error = await captureError(
      client.listFile("llm-locked", new $Bailian.ListFileRequest({ categoryId: "default" })),
    );
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe("Forbidden");
  });

  test("error bodies carry Code, Message and RequestId", async () => {
    const error = await captureError(
      client.listIndices("llm-missing", new $Bailian.ListIndicesRequest({})),
    );
    expect(error.data).toMatchObject({ Code: "Workspace.NotFound", Success: false });
    expect(typeof error.data!.RequestId).toBe("string");
    expect(error.data!.Message).toContain("llm-missing");
  });
});
