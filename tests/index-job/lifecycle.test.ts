import type { IndexJobOutputs } from "../../provider/index-job/types";
import {
  calls,
  checked,
  createIndex,
  jobInputs,
  seedFiles,
  startHarness,
  type Harness,
} from "./harness";

describe("IndexJob read, update and delete", () => {
  let harness: Harness;
  let indexId: string;

  beforeEach(async () => {
    harness = await startHarness();
    indexId = await createIndex(harness, seedFiles(harness, ["base"]));
    await harness.provider.create(await checked(harness, jobInputs(harness, indexId)));
  });

  afterEach(async () => {
    await harness.close();
  });

  async function append(fileIds: string[], extra: Record<string, unknown> = {}) {
    const documents = { sourceType: "DATA_CENTER_FILE", ids: fileIds };
    const inputs = await checked(harness, jobInputs(harness, indexId, { documents, ...extra }));
    const { id, outs } = await harness.provider.create(inputs);
    return { id, inputs, outputs: outs as IndexJobOutputs };
  }

  async function indexStatuses(): Promise<Map<string, string>> {
    const data = await harness.client.listIndexDocuments(harness.emu.workspaceId, {
      IndexId: indexId,
      PageSize: 100,
    });
    return new Map(data.Documents.map((document) => [document.Id, document.Status]));
  }

  test("refresh shows deleted documents", async () => {
    const fileIds = seedFiles(harness, ["one", "two"]);
    const { id, outputs } = await append(fileIds);
    await harness.client.deleteIndexDocument(harness.emu.workspaceId, {
      IndexId: indexId,
      DocumentIds: [fileIds[0]],
    });

    const read = await harness.provider.read!(id, outputs);
    const props = read.props as IndexJobOutputs;

    expect(read.id).toBe(id);
    const statuses = new Map(props.indexedDocuments.map((d) => [d.documentId, d.status]));
    expect(statuses.get(fileIds[0])).toBe("DELETED");
    expect(statuses.get(fileIds[1])).toBe("FINISH");
    expect(props.documentCounts.deleted).toBe(1);
    expect(read.inputs).toMatchObject({ indexId, documents: { ids: fileIds } });
    expect(read.inputs).not.toHaveProperty("indexedDocuments");
  });

  test("update restores deleted documents", async () => {
    const fileIds = seedFiles(harness, ["one", "two"]);
    const { id, inputs, outputs } = await append(fileIds);
    await harness.client.deleteIndexDocument(harness.emu.workspaceId, {
      IndexId: indexId,
      DocumentIds: [fileIds[0]],
    });
    const refreshed = (await harness.provider.read!(id, outputs)).props as IndexJobOutputs;
    const jobsBefore = harness.emu.control.stats().jobsSubmitted;

    const diff = await harness.provider.diff!(id, refreshed, inputs);
    const { outs } = await harness.provider.update!(id, refreshed, inputs);
    const updated = outs as IndexJobOutputs;

    expect(diff.changes).toBe(true);
    expect(diff.replaces).toEqual([]);
    expect(harness.emu.control.stats().jobsSubmitted).toBe(jobsBefore + 1);
    const appended = harness.emu.control.jobs().at(-1)!;
    expect(appended.documentIds).toEqual([fileIds[0]]);
    const statuses = new Map(updated.indexedDocuments.map((d) => [d.documentId, d.status]));
    expect(statuses.get(fileIds[0])).toBe("FINISH");
    expect(statuses.get(fileIds[1])).toBe("FINISH");
    expect(updated.readyIndexId).toBe(indexId);
    expect((await indexStatuses()).get(fileIds[0])).toBe("FINISH");
  });

  test("update appends only added documents", async () => {
    const [first, second] = seedFiles(harness, ["first", "second"]);
    const { id, inputs, outputs } = await append([first]);
    const submitted = harness.emu.control.stats().jobsSubmitted;

    const news = await checked(harness, {
      ...inputs,
      documents: { sourceType: "DATA_CENTER_FILE", ids: [first, second] },
    });
    const { outs } = await harness.provider.update!(id, outputs, news);
    const updated = outs as IndexJobOutputs;

    expect(harness.emu.control.stats().jobsSubmitted).toBe(submitted + 1);
    expect(harness.emu.control.jobs().at(-1)?.documentIds).toEqual([second]);
    expect(updated.indexedDocuments.map((d) => d.documentId).sort()).toEqual(
      [first, second].sort(),
    );
    expect(updated.readyIndexId).toBe(indexId);
    expect(updated.documents?.ids).toEqual([first, second]);
  });

  test("update deletes removed documents", async () => {
    const [first, second] = seedFiles(harness, ["first", "second"]);
    const { id, inputs, outputs } = await append([first, second]);
    const submitted = harness.emu.control.stats().jobsSubmitted;

    const news = await checked(harness, {
      ...inputs,
      documents: { sourceType: "DATA_CENTER_FILE", ids: [first] },
    });
    const { outs } = await harness.provider.update!(id, outputs, news);

    expect(harness.emu.control.stats().jobsSubmitted).toBe(submitted);
    expect((outs as IndexJobOutputs).indexedDocuments.map((d) => d.documentId)).toEqual([first]);
    expect((await indexStatuses()).get(second)).toBe("DELETED");
    expect((await indexStatuses()).get(first)).toBe("FINISH");
  });

  test("update without changes sends nothing", async () => {
    const { id, inputs, outputs } = await append(seedFiles(harness, ["only"]));
    harness.emu.control.resetStats();

    const diff = await harness.provider.diff!(id, outputs, inputs);
    const { outs } = await harness.provider.update!(id, outputs, { ...inputs, timeoutSeconds: 99 });

    expect(diff.changes).toBe(false);
    expect(harness.emu.control.stats().requests).toEqual({});
    expect(outs).toEqual({ ...outputs, timeoutSeconds: 99 });
  });

  test("delete removes the documents", async () => {
    const fileIds = seedFiles(harness, ["first", "second"]);
    const { id, outputs } = await append(fileIds);

    await harness.provider.delete!(id, outputs);

    const statuses = await indexStatuses();
    expect(fileIds.map((fileId) => statuses.get(fileId))).toEqual(["DELETED", "DELETED"]);
    expect([...statuses.values()].filter((status) => status === "FINISH")).toHaveLength(1);
  });

  test("delete keeps retained documents", async () => {
    const fileIds = seedFiles(harness, ["kept"]);
    const { id, outputs } = await append(fileIds, { retainDocumentsOnDelete: true });
    harness.emu.control.resetStats();

    await harness.provider.delete!(id, outputs);

    expect(calls(harness, "DeleteIndexDocument")).toBe(0);
    expect((await indexStatuses()).get(fileIds[0])).toBe("FINISH");
  });

  test("delete of a vanished index succeeds", async () => {
    const { id, outputs } = await append(seedFiles(harness, ["gone"]));
    await harness.client.deleteIndex(harness.emu.workspaceId, { IndexId: indexId });

    await expect(harness.provider.delete!(id, outputs)).resolves.toBeUndefined();
  });
});
