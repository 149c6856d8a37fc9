import { UNKNOWN_VALUE } from "../../provider/validation";
import { provider, requestCount, startFixture, type ResourceFixture } from "./fixture";

type Inputs = Record<string, unknown>;

const MD5 = "0123456789abcdef0123456789abcdef";

function validInputs(endpoint: string): Record<string, Inputs> {
  const connection = { endpoint };
  return {
    KnowledgeBase: {
      workspaceId: "llm-ws1",
      name: "kb-docs",
      categoryIds: ["default"],
      connection,
    },
    Category: { workspaceId: "llm-ws1", name: "manuals", connection },
    DataCenterFile: {
      workspaceId: "llm-ws1",
      path: "/tmp/guide.txt",
      fileName: "guide.txt",
      md5: MD5,
      sizeInBytes: 10,
      pollIntervalSeconds: 0.05,
      connection,
    },
    RetrievalCheck: { workspaceId: "llm-ws1", indexId: "idx-1", query: "refunds", connection },
  };
}

/** [resource kind, change to valid inputs, property that must be reported]. */
const BAD_INPUTS: [string, Inputs, string][] = [
  ["KnowledgeBase", { workspaceId: undefined }, "workspaceId"],
  ["KnowledgeBase", { workspaceId: "llm/ws" }, "workspaceId"],
  ["KnowledgeBase", { name: "" }, "name"],
  ["KnowledgeBase", { name: "k".repeat(21) }, "name"],
  ["KnowledgeBase", { name: "kb docs!" }, "name"],
  ["KnowledgeBase", { description: "d".repeat(1001) }, "description"],
  ["KnowledgeBase", { chunkSize: 0 }, "chunkSize"],
  ["KnowledgeBase", { chunkSize: 6001 }, "chunkSize"],
  ["KnowledgeBase", { chunkSize: 1.5 }, "chunkSize"],
  ["KnowledgeBase", { overlapSize: 1025, chunkSize: 2000 }, "overlapSize"],
  ["KnowledgeBase", { overlapSize: 600, chunkSize: 500 }, "overlapSize"],
  ["KnowledgeBase", { chunkSize: 50 }, "overlapSize"],
  ["KnowledgeBase", { rerankMinScore: 0 }, "rerankMinScore"],
  ["KnowledgeBase", { rerankMinScore: 1.5 }, "rerankMinScore"],
  ["KnowledgeBase", { rerankModelName: "bm25" }, "rerankModelName"],
  ["KnowledgeBase", { sinkType: "S3" }, "sinkType"],
  ["KnowledgeBase", { sinkType: "ADB", sinkRegion: "cn-beijing" }, "sinkInstanceId"],
  ["KnowledgeBase", { sinkInstanceId: "gp-1" }, "sinkInstanceId"],
  ["KnowledgeBase", { categoryIds: undefined }, "sourceType"],
  ["KnowledgeBase", { sourceType: "DATA_CENTER_FILE" }, "documentIds"],
  ["KnowledgeBase", { sourceType: "WEB" }, "sourceType"],
  ["KnowledgeBase", { categoryIds: ["default", "default"] }, "categoryIds"],
  ["KnowledgeBase", { categoryIds: ["cate/1"] }, "categoryIds"],
  ["KnowledgeBase", { categoryIds: "default" }, "categoryIds"],
  ["KnowledgeBase", { categoryIds: [] }, "categoryIds"],
  ["KnowledgeBase", { categoryIds: undefined, documentIds: [] }, "documentIds"],
  ["KnowledgeBase", { chunksize: 300 }, "chunksize"],
  ["KnowledgeBase", { deleteOnDestroy: "yes" }, "deleteOnDestroy"],
  ["KnowledgeBase", { connection: { region: "Beijing" } }, "connection.region"],
  ["KnowledgeBase", { connection: { endpoint: "http://127.0.0.1:1/v1" } }, "connection.endpoint"],
  [
    "KnowledgeBase",
    { connection: { endpoint: "127.0.0.1:1", protocol: "ftp" } },
    "connection.protocol",
  ],
  ["KnowledgeBase", { connection: { regoin: "cn-beijing" } }, "connection.regoin"],
  ["Category", { name: undefined }, "name"],
  ["Category", { parentCategoryId: "cate 1" }, "parentCategoryId"],
  ["Category", { existingCategoryId: 7 }, "existingCategoryId"],
  ["Category", { bogusProp: "x" }, "bogusProp"],
  ["DataCenterFile", { fileName: "setup.exe" }, "fileName"],
  ["DataCenterFile", { fileName: ".md" }, "fileName"],
  ["DataCenterFile", { fileName: `${"n".repeat(125)}.txt` }, "fileName"],
  ["DataCenterFile", { parser: "bogus" }, "parser"],
  ["DataCenterFile", { parser: "" }, "parser"],
  ["DataCenterFile", { bogusProp: true }, "bogusProp"],
  ["DataCenterFile", { md5: "xyz" }, "md5"],
  ["DataCenterFile", { sizeInBytes: 0 }, "sizeInBytes"],
  ["DataCenterFile", { sizeInBytes: 100_000_001 }, "sizeInBytes"],
  ["DataCenterFile", { path: undefined }, "path"],
  ["DataCenterFile", { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, "tags"],
  ["DataCenterFile", { tags: [""] }, "tags"],
  ["DataCenterFile", { pollIntervalSeconds: 0.001 }, "pollIntervalSeconds"],
  ["DataCenterFile", { parseTimeoutSeconds: 0 }, "parseTimeoutSeconds"],
  ["DataCenterFile", { categoryId: "a/b" }, "categoryId"],
  ["RetrievalCheck", { query: undefined }, "query"],
  ["RetrievalCheck", { indexId: "" }, "indexId"],
  ["RetrievalCheck", { minResults: 0 }, "minResults"],
  ["RetrievalCheck", { minResults: 6 }, "minResults"],
  ["RetrievalCheck", { rerankTopN: 21 }, "rerankTopN"],
  ["RetrievalCheck", { denseSimilarityTopK: 101 }, "denseSimilarityTopK"],
  ["RetrievalCheck", { maxTextLength: 0 }, "maxTextLength"],
  ["RetrievalCheck", { minresults: 2 }, "minresults"],
];

describe("check of resource inputs", () => {
  let fixture: ResourceFixture;
  let valid: Record<string, Inputs>;

  beforeAll(async () => {
    fixture = await startFixture();
    valid = validInputs(fixture.emulator.endpoint);
  });

  afterAll(async () => {
    await fixture.close();
  });

  afterEach(() => {
    // check() validates only: no case may have sent a request.
    expect(requestCount(fixture.emulator)).toBe(0);
  });

  it.each(Object.keys(validInputs("http://127.0.0.1:1")))(
    "accepts valid %s inputs",
    async (kind) => {
      const result = await provider(kind).check({}, valid[kind]);
      expect(result.failures).toEqual([]);
    },
  );

  it.each(BAD_INPUTS)("%s rejects %j at %s", async (kind, change, property) => {
    const result = await provider(kind).check({}, { ...valid[kind], ...change });
    const failures = result.failures ?? [];

    const named = failures.filter((failure) => failure.property === property);
    expect(named).toHaveLength(1);
    expect(named[0].reason).toContain(property);
  });

  it("requires 15 s between DescribeFile calls against the cloud", async () => {
    const inputs = {
      ...valid.DataCenterFile,
      pollIntervalSeconds: 5,
      connection: { region: "cn-beijing" },
    };
    const result = await provider("DataCenterFile").check({}, inputs);

    expect(result.failures).toHaveLength(1);
    expect(result.failures?.[0].reason).toContain("requests at least 15 s between calls");
  });

  it("names the documented parser", async () => {
    const inputs = { ...valid.DataCenterFile, parser: "bogus" };
    const [failure] = (await provider("DataCenterFile").check({}, inputs)).failures ?? [];

    expect(failure.property).toBe("parser");
    expect(failure.reason).toContain('"bogus"');
    expect(failure.reason).toContain("set that or leave parser unset");
    expect(failure.reason).toContain("DASHSCOPE_DOCMIND");
  });

  it("explains the empty knowledge base", async () => {
    const inputs = { ...valid.KnowledgeBase, categoryIds: [] };
    const [failure] = (await provider("KnowledgeBase").check({}, inputs)).failures ?? [];

    expect(failure.property).toBe("categoryIds");
    expect(failure.reason).toContain("categoryIds is []");
    expect(failure.reason).toContain("create an empty category and list its id");
  });

  it("lists accepted inputs for a typo", async () => {
    const inputs = { ...valid.KnowledgeBase, chunksize: 300 };
    const [failure] = (await provider("KnowledgeBase").check({}, inputs)).failures ?? [];

    expect(failure.property).toBe("chunksize");
    expect(failure.reason).toContain("chunksize is not an input of KnowledgeBase");
    expect(failure.reason).toContain("workspaceId, name, description");
    expect(failure.reason).toContain("Did you mean chunkSize?");
    expect(failure.reason).not.toContain("__provider");
    expect(failure.reason).not.toContain("indexId");
  });

  it("accepts __provider and output-only keys", async () => {
    const sdkKeys: Record<string, Inputs> = {
      KnowledgeBase: { indexId: undefined, adopted: undefined, settings: undefined },
      Category: { categoryId: undefined, adopted: undefined },
      DataCenterFile: { fileId: undefined, status: undefined, adopted: undefined },
      RetrievalCheck: { resultCount: undefined, nodes: undefined, checkedAt: undefined },
    };
    for (const [kind, keys] of Object.entries(sdkKeys)) {
      const inputs = { ...valid[kind], ...keys, __provider: "exports.handler = {}" };
      const result = await provider(kind).check({}, inputs);
      expect({ kind, failures: result.failures }).toEqual({ kind, failures: [] });
    }
  });

  it("fills in the documented defaults", async () => {
    const kb = await provider("KnowledgeBase").check({}, valid.KnowledgeBase);
    expect(kb.inputs).toMatchObject({
      sourceType: "DATA_CENTER_CATEGORY",
      sinkType: "BUILT_IN",
      chunkSize: 500,
      overlapSize: 100,
      rerankMinScore: 0.01,
    });

    const file = await provider("DataCenterFile").check({}, valid.DataCenterFile);
    expect(file.inputs).toMatchObject({ categoryId: "default", parser: "DASHSCOPE_DOCMIND" });

    const retrieval = await provider("RetrievalCheck").check({}, valid.RetrievalCheck);
    expect(retrieval.inputs).toMatchObject({ minResults: 1, rerankTopN: 5 });
  });

  it("skips inputs that are unknown during a preview", async () => {
    const preview: Record<string, Inputs> = {
      KnowledgeBase: {
        ...valid.KnowledgeBase,
        workspaceId: UNKNOWN_VALUE,
        categoryIds: [UNKNOWN_VALUE],
      },
      Category: { ...valid.Category, parentCategoryId: UNKNOWN_VALUE },
      DataCenterFile: { ...valid.DataCenterFile, md5: UNKNOWN_VALUE, connection: UNKNOWN_VALUE },
      RetrievalCheck: { ...valid.RetrievalCheck, indexId: UNKNOWN_VALUE },
    };
    for (const [kind, inputs] of Object.entries(preview)) {
      const result = await provider(kind).check({}, inputs);
      expect({ kind, failures: result.failures }).toEqual({ kind, failures: [] });
    }
  });
});
