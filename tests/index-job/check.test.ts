import { UNKNOWN_VALUE } from "../../provider/validation";
import type { IndexJobOutputs } from "../../provider/index-job/types";
import { checked, createIndex, jobInputs, seedFiles, startHarness, type Harness } from "./harness";

describe("IndexJob check and diff", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  const files = (ids: unknown, more: Record<string, unknown> = {}) => ({
    documents: { sourceType: "DATA_CENTER_FILE", ids, ...more },
  });
  const tooMany = Array.from({ length: 10_001 }, (_, position) => `file-${position}`);

  // Each row: the property check must name, and the inputs that break it.
  const badInputs: [string, string, Record<string, unknown>][] = [
    ["missing workspace", "workspaceId", { workspaceId: undefined }],
    ["empty workspace", "workspaceId", { workspaceId: "" }],
    ["workspace with slash", "workspaceId", { workspaceId: "ws/1" }],
    ["numeric workspace", "workspaceId", { workspaceId: 7 }],
    ["missing index", "indexId", { indexId: undefined }],
    ["index with quote", "indexId", { indexId: "idx'1" }],
    ["index with space", "indexId", { indexId: "idx 1" }],
    ["documents not object", "documents", { documents: "file-1" }],
    ["unknown source type", "documents.sourceType", files(["f1"], { sourceType: "OSS" })],
    ["missing source type", "documents.sourceType", { documents: { ids: ["f1"] } }],
    ["empty ids", "documents.ids", files([])],
    ["ids not array", "documents.ids", files("f1")],
    ["id with slash", "documents.ids", files(["f/1"])],
    ["numeric id", "documents.ids", files([12])],
    ["duplicate ids", "documents.ids", files(["f1", "f1"])],
    ["too many ids", "documents.ids", files(tooMany)],
    ["chunk size zero", "documents.chunkSize", files(["f1"], { chunkSize: 0 })],
    ["chunk size too big", "documents.chunkSize", files(["f1"], { chunkSize: 6001 })],
    ["fractional chunk size", "documents.chunkSize", files(["f1"], { chunkSize: 10.5 })],
    ["negative overlap", "documents.overlapSize", files(["f1"], { overlapSize: -1 })],
    ["overlap too big", "documents.overlapSize", files(["f1"], { overlapSize: 1025 })],
    [
      "overlap not below chunk",
      "documents.overlapSize",
      files(["f1"], { chunkSize: 100, overlapSize: 100 }),
    ],
    ["separator not string", "documents.separator", files(["f1"], { separator: 5 })],
    ["headers not boolean", "documents.enableHeaders", files(["f1"], { enableHeaders: "yes" })],
    ["typo in documents", "documents.chunksize", files(["f1"], { chunksize: 100 })],
    [
      "poll below cloud minimum",
      "pollIntervalSeconds",
      { pollIntervalSeconds: 2, connection: { region: "cn-beijing" } },
    ],
    ["poll zero", "pollIntervalSeconds", { pollIntervalSeconds: 0 }],
    ["poll not number", "pollIntervalSeconds", { pollIntervalSeconds: "5" }],
    ["poll above an hour", "pollIntervalSeconds", { pollIntervalSeconds: 3601 }],
    ["timeout negative", "timeoutSeconds", { timeoutSeconds: -1 }],
    ["timeout infinite", "timeoutSeconds", { timeoutSeconds: Number.POSITIVE_INFINITY }],
    ["timeout above a week", "timeoutSeconds", { timeoutSeconds: 700_000 }],
    ["unknown policy", "failOn", { failOn: "never" }],
    ["ratio without policy", "maxFailedRatio", { maxFailedRatio: 0.1 }],
    ["policy without ratio", "maxFailedRatio", { failOn: "failed-ratio" }],
    ["ratio above one", "maxFailedRatio", { failOn: "failed-ratio", maxFailedRatio: 1.5 }],
    ["retry not boolean", "retryFailedJob", { retryFailedJob: "true" }],
    ["retain not boolean", "retainDocumentsOnDelete", { retainDocumentsOnDelete: 1 }],
    ["connection not object", "connection", { connection: "cn-beijing" }],
    ["bad region", "connection.region", { connection: { region: "Beijing!" } }],
    ["undocumented region", "connection.region", { connection: { region: "mars-1" } }],
    ["misspelled input", "pollintervalSeconds", { pollintervalSeconds: 5 }],
    [
      "endpoint with path",
      "connection.endpoint",
      { connection: { endpoint: "http://127.0.0.1:1/api" } },
    ],
    ["endpoint bad scheme", "connection.endpoint", { connection: { endpoint: "ftp://host" } }],
    ["endpoint bad port", "connection.endpoint", { connection: { endpoint: "127.0.0.1:99999" } }],
    ["bad protocol", "connection.protocol", { connection: { protocol: "grpc" } }],
    ["typo in connection", "connection.regoin", { connection: { regoin: "cn-beijing" } }],
  ];

  test.each(badInputs)("rejects %s", async (_name, property, change) => {
    harness.emu.control.resetStats();
    const news = { ...jobInputs(harness, "idx-1"), ...change };

    const result = await harness.provider.check!({}, news);

    const failures = result.failures ?? [];
    expect(failures.map((failure) => failure.property)).toContain(property);
    const failure = failures.find((entry) => entry.property === property)!;
    expect(failure.reason).toContain(property.split(".")[0]);
    expect(harness.emu.control.stats().requests).toEqual({});
  });

  test("poll message names the value and the fix", async () => {
    const news = { ...jobInputs(harness, "idx-1"), pollIntervalSeconds: 2, connection: {} };
    const result = await harness.provider.check!({}, news);
    expect(result.failures).toEqual([
      {
        property: "pollIntervalSeconds",
        reason:
          "pollIntervalSeconds is 2; the Bailian API asks for at least 5 seconds between status " +
          "calls, so set 5 or more (shorter intervals are only allowed for a loopback endpoint " +
          "such as the emulator)",
      },
    ]);
  });

  test("defaults are applied", async () => {
    const inputs = await checked(harness, { workspaceId: "ws-1", indexId: "idx-1" });
    expect(inputs).toEqual({
      workspaceId: "ws-1",
      indexId: "idx-1",
      pollIntervalSeconds: 5,
      timeoutSeconds: 21600,
      failOn: "any-document-error",
      retryFailedJob: false,
      retainDocumentsOnDelete: false,
    });
  });

  describe("preview with unknown values", () => {
    const unknownInputs = {
      workspaceId: UNKNOWN_VALUE,
      indexId: UNKNOWN_VALUE,
      documents: { sourceType: "DATA_CENTER_FILE", ids: ["f1", UNKNOWN_VALUE] },
      connection: { endpoint: UNKNOWN_VALUE },
      pollIntervalSeconds: 1,
    };

    test("check accepts unknowns and sends nothing", async () => {
      harness.emu.control.resetStats();
      const result = await harness.provider.check!({}, unknownInputs);
      expect(result.failures ?? []).toEqual([]);
      expect(harness.emu.control.stats().requests).toEqual({});
    });

    test("diff reports unknown index as replacement", async () => {
      harness.emu.control.resetStats();
      const olds = {
        ...(await checked(harness, jobInputs(harness, "idx-1", files(["f1"])))),
        readyIndexId: "idx-1",
      } as unknown as IndexJobOutputs;
      const diff = await harness.provider.diff!("job-1", olds, { ...olds, indexId: UNKNOWN_VALUE });
      expect(diff.changes).toBe(true);
      expect(diff.replaces).toEqual(["indexId"]);
      expect(diff.deleteBeforeReplace).toBe(true);
      const idsDiff = await harness.provider.diff!("job-1", olds, {
        ...olds,
        documents: { sourceType: "DATA_CENTER_FILE", ids: ["f1", UNKNOWN_VALUE] },
      });
      expect(idsDiff.changes).toBe(true);
      expect(idsDiff.replaces).toEqual([]);
      expect(harness.emu.control.stats().requests).toEqual({});
    });
  });

  describe("diff", () => {
    let olds: IndexJobOutputs;

    beforeAll(async () => {
      const indexId = await createIndex(harness, seedFiles(harness, ["base"]));
      await harness.provider.create(await checked(harness, jobInputs(harness, indexId)));
      const documents = {
        sourceType: "DATA_CENTER_FILE",
        ids: seedFiles(harness, ["x"]),
        chunkSize: 300,
      };
      const inputs = await checked(harness, jobInputs(harness, indexId, { documents }));
      olds = (await harness.provider.create(inputs)).outs as IndexJobOutputs;
    });

    const cases: [string, (o: IndexJobOutputs) => Record<string, unknown>, string[], boolean][] = [
      ["same inputs", (o) => ({ ...o }), [], false],
      ["only __provider", (o) => ({ ...o, __provider: "other text" }), [], false],
      ["workspace", (o) => ({ ...o, workspaceId: "ws-2" }), ["workspaceId"], true],
      ["index", (o) => ({ ...o, indexId: "idx-2" }), ["indexId"], true],
      [
        "endpoint",
        (o) => ({ ...o, connection: { endpoint: "127.0.0.1:1" } }),
        ["connection.endpoint"],
        true,
      ],
      [
        "source type",
        (o) => ({ ...o, documents: { ...o.documents, sourceType: "DATA_CENTER_CATEGORY" } }),
        ["documents.sourceType"],
        true,
      ],
      [
        "chunk size",
        (o) => ({ ...o, documents: { ...o.documents, chunkSize: 400 } }),
        ["documents.chunkSize"],
        true,
      ],
      ["build instead of append", (o) => ({ ...o, documents: undefined }), ["documents"], true],
      ["ids", (o) => ({ ...o, documents: { ...o.documents, ids: ["other"] } }), [], true],
      ["poll interval", (o) => ({ ...o, pollIntervalSeconds: 0.2 }), [], true],
      ["policy", (o) => ({ ...o, failOn: "job-failed" }), [], true],
      ["retain", (o) => ({ ...o, retainDocumentsOnDelete: true }), [], true],
      ["profile", (o) => ({ ...o, connection: { ...o.connection, profile: "dev" } }), [], true],
    ];

    test.each(cases)("%s", async (_name, change, replaces, changes) => {
      harness.emu.control.resetStats();
      const diff = await harness.provider.diff!(olds.jobId, olds, change(olds));
      expect(diff.changes).toBe(changes);
      expect(diff.replaces).toEqual(replaces);
      expect(diff.deleteBeforeReplace).toBe(replaces.length > 0);
      expect(harness.emu.control.stats().requests).toEqual({});
    });

    test("not ready always changes", async () => {
      const notReady = { ...olds, readyIndexId: undefined };
      const diff = await harness.provider.diff!(olds.jobId, notReady, { ...olds });
      expect(diff.changes).toBe(true);
    });
  });
});
