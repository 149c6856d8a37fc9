import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, buildDocx, buildPdf, officialClient, uploadFile } from "./helpers";

type Client = ReturnType<typeof officialClient>;

describe("emulator file parsing", () => {
  let emulator: Emulator;
  let client: Client;
  let ws: string;

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false });
    client = officialClient(emulator);
    ws = emulator.workspaceId;
    emulator.control.setJobTiming({ pendingSeconds: 0, fixedDurationSeconds: 1 });
  });

  afterAll(async () => {
    await emulator.close();
  });

  const describeStatus = async (fileId: string) =>
    (await client.describeFile(ws, fileId, new $Bailian.DescribeFileRequest({}))).body!.data!
      .status;

  /** Uploads a file, lets parsing finish, indexes it and returns its job document and a retrieval. */
  async function uploadAndIndex(name: string, bytes: Buffer, query: string) {
    const fileId = await uploadFile(client, ws, name, bytes);
    expect(await describeStatus(fileId)).toBe("INIT");
    emulator.control.advance(3);
    expect(await describeStatus(fileId)).toBe("PARSING");
    emulator.control.advance(3);
    const fileStatus = await describeStatus(fileId);

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
    const indexId = created.body!.data!.id!;
    const job = await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    emulator.control.advance(2);
    const status = await client.getIndexJobStatus(
      ws,
      new $Bailian.GetIndexJobStatusRequest({ indexId, jobId: job.body!.data!.id }),
    );
    const retrieved = await client.retrieve(ws, new $Bailian.RetrieveRequest({ indexId, query }));
    return {
      fileStatus,
      document: status.body!.data!.documents![0],
      nodes: retrieved.body!.data!.nodes!,
    };
  }

  test.each([
    ["notes.txt", Buffer.from("Plain text about lighthouses."), "lighthouses"],
    ["guide.md", Buffer.from("# Guide\n\nMarkdown text about glaciers."), "glaciers"],
    [
      "page.html",
      Buffer.from(
        "<html><head><style>p{}</style></head><body><h1>Title</h1><p>HTML text about volcanoes.</p></body></html>",
      ),
      "volcanoes",
    ],
    ["report.pdf", buildPdf("PDF text about meteorites"), "meteorites"],
    ["中文 文件.txt", Buffer.from("关于长城的中文文本。"), "长城"],
  ])("parses and indexes %s", async (name, bytes, query) => {
    const { fileStatus, document, nodes } = await uploadAndIndex(name, bytes, query);
    expect(fileStatus).toBe("PARSE_SUCCESS");
    expect(document.status).toBe("FINISH");
    expect(document.docName).toBe(name);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes[0].text).toContain(query);
    expect(nodes[0].text).not.toContain("<");
  });

  test("parses and indexes a docx", async () => {
    const docx = await buildDocx(["First paragraph.", "DOCX text about comets."]);
    const { fileStatus, document, nodes } = await uploadAndIndex("memo.docx", docx, "comets");
    expect(fileStatus).toBe("PARSE_SUCCESS");
    expect(document.status).toBe("FINISH");
    expect(nodes[0].text).toContain("DOCX text about comets.");
  });

  test.each([
    ["broken.pdf", Buffer.from("%PDF-1.4\nthis is not a pdf body\n%%EOF\n")],
    ["broken.docx", Buffer.from("PK\u0003\u0004 not really a zip archive")],
    ["latin1.txt", Buffer.from([0x66, 0x6f, 0xff, 0xfe, 0x6f])],
  ])("marks corrupt %s PARSE_FAILED", async (name, bytes) => {
    const { fileStatus, document, nodes } = await uploadAndIndex(name, bytes, "anything");
    expect(fileStatus).toBe("PARSE_FAILED");
    expect(document.status).toBe("INSERT_ERROR");
    expect(document.code).toBe("Index.Document.ChunkError");
    expect(nodes).toEqual([]);
  });

  test("a job that reaches a file still parsing reports it not parsed", async () => {
    const fileId = await uploadFile(client, ws, "late.txt", Buffer.from("late text"));
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
    const indexId = created.body!.data!.id!;
    const job = await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    emulator.control.advance(2);
    const status = await client.getIndexJobStatus(
      ws,
      new $Bailian.GetIndexJobStatusRequest({ indexId, jobId: job.body!.data!.id }),
    );
    expect(status.body!.data!.documents![0]).toMatchObject({
      status: "INSERT_ERROR",
      code: "Index.Document.FileNotParsed",
    });
  });

  test("chunks by ChunkSize and OverlapSize", async () => {
    const text = "abcdefghij".repeat(10);
    const [fileId] = emulator.control.seedFiles([
      { name: "letters.txt", content: `${text} zebra` },
    ]);
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "kb",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
        sourceType: "DATA_CENTER_FILE",
        documentIds: [fileId],
        chunkSize: 40,
        overlapSize: 10,
      }),
    );
    const indexId = created.body!.data!.id!;
    await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    emulator.control.advance(2);
    const retrieved = await client.retrieve(
      ws,
      new $Bailian.RetrieveRequest({ indexId, query: "zebra" }),
    );
    const node = retrieved.body!.data!.nodes![0];
    // 106 characters in windows of 40 that start every 30 (0, 30, 60, 90): the fourth contains "zebra".
    expect(node.metadata).toMatchObject({ chunk_index: 3 });
    expect(node.text).toBe("abcdefghij zebra");
    expect(retrieved.body!.data!.nodes).toHaveLength(1);
  });
});
