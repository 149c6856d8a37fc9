import { BailianApiError, BailianClient } from "../../provider/client";
import {
  AdoptMismatchError,
  AdoptTargetNotFoundError,
  KnowledgeBaseConflictError,
} from "../../provider/resources/errors";
import { UNKNOWN_VALUE } from "../../provider/validation";
import {
  checked,
  provider,
  rejection,
  requestCount,
  startFixture,
  type ResourceFixture,
} from "./fixture";

const kb = provider("KnowledgeBase");

describe("KnowledgeBase provider", () => {
  let fixture: ResourceFixture;
  let client: BailianClient;
  let workspaceId: string;

  beforeEach(async () => {
    fixture = await startFixture();
    workspaceId = fixture.emulator.workspaceId;
    client = new BailianClient({ endpoint: fixture.emulator.endpoint });
  });

  afterEach(async () => {
    await fixture.close();
  });

  function inputs(extra: Record<string, unknown> = {}) {
    return checked("KnowledgeBase", {
      workspaceId,
      name: "kb-docs",
      categoryIds: ["default"],
      connection: fixture.connection,
      ...extra,
    });
  }

  async function indexNames(): Promise<string[]> {
    const data = await client.listIndices(workspaceId, { PageSize: 100 });
    return data.Indices.map((index) => index.Name);
  }

  it("creates an index and records its settings", async () => {
    const result = await kb.create(await inputs({ chunkSize: 800, overlapSize: 50 }));

    expect(result.id).toMatch(/\S/);
    expect(result.outs.indexId).toBe(result.id);
    expect(result.outs.adopted).toBe(false);
    expect(result.outs.sourceType).toBe("DATA_CENTER_CATEGORY");
    expect(result.outs.settings.chunkSize).toBe(800);
    expect(result.outs.settings.overlapSize).toBe(50);
    expect(result.outs.settings.rerankMinScore).toBe(0.01);
    expect(await indexNames()).toEqual(["kb-docs"]);
  });

  it("adopts a same-name index instead of creating two", async () => {
    const first = await kb.create(await inputs());
    const second = await kb.create(await inputs());

    expect(second.id).toBe(first.id);
    expect(second.outs.adopted).toBe(false);
    expect(fixture.emulator.control.stats().requests.CreateIndex).toBe(1);
    expect(await indexNames()).toEqual(["kb-docs"]);
  });

  it("retries a throttled CreateIndex", async () => {
    fixture.emulator.control.injectFault({ operation: "CreateIndex", kind: "throttle", count: 1 });
    const result = await kb.create(await inputs());

    expect(result.outs.indexId).toBe(result.id);
    expect(fixture.emulator.control.stats().requests.CreateIndex).toBe(2);
    expect(await indexNames()).toEqual(["kb-docs"]);
  });

  it("does not repeat CreateIndex after a server error", async () => {
    fixture.emulator.control.injectFault({
      operation: "CreateIndex",
      kind: "server-error",
      count: 1,
    });
    const error = await rejection(kb.create(await inputs()));

    expect((error as unknown as BailianApiError).httpStatus).toBe(503);
    expect(fixture.emulator.control.stats().requests.CreateIndex).toBe(1);
  });

  it("rejects a same-name index with other settings", async () => {
    await kb.create(await inputs({ chunkSize: 500 }));
    const error = await rejection(kb.create(await inputs({ chunkSize: 800 })));

    expect(error).toBeInstanceOf(KnowledgeBaseConflictError);
    expect(error.message).toContain("chunkSize is 500 there, 800 requested");
    expect(await indexNames()).toEqual(["kb-docs"]);
  });

  it("adopts an index by id and keeps it on delete", async () => {
    const { Id } = await client.createIndex(workspaceId, {
      Name: "kb-docs",
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
      SourceType: "DATA_CENTER_CATEGORY",
      CategoryIds: ["default"],
    });
    const result = await kb.create(await inputs({ existingIndexId: Id, categoryIds: undefined }));

    expect(result.id).toBe(Id);
    expect(result.outs.adopted).toBe(true);
    await kb.delete(result.id, result.outs);
    expect(await indexNames()).toEqual(["kb-docs"]);

    await kb.delete(result.id, { ...result.outs, deleteOnDestroy: true });
    expect(await indexNames()).toEqual([]);
  });

  it("rejects adopting an index with other settings", async () => {
    const { Id } = await client.createIndex(workspaceId, {
      Name: "kb-docs",
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
      ChunkSize: 300,
    });
    const error = await rejection(
      kb.create(await inputs({ existingIndexId: Id, categoryIds: undefined, chunkSize: 800 })),
    );

    expect(error).toBeInstanceOf(AdoptMismatchError);
    expect(error.message).toContain("chunkSize is 300 there, 800 requested");
  });

  it("rejects adopting an index that does not exist", async () => {
    const error = await rejection(
      kb.create(await inputs({ existingIndexId: "idx-missing", categoryIds: undefined })),
    );

    expect(error).toBeInstanceOf(AdoptTargetNotFoundError);
    expect(error.message).toContain('existingIndexId "idx-missing" was not found');
  });

  it("reads the index, then nothing once it is deleted", async () => {
    const created = await kb.create(await inputs());

    const read = await kb.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props.settings.chunkSize).toBe(500);
    expect(read.inputs.name).toBe("kb-docs");

    await kb.delete(created.id, created.outs);
    expect(await indexNames()).toEqual([]);
    const afterDelete = await kb.read(created.id, created.outs);
    expect(afterDelete.id).toBeUndefined();
  });

  it("records settings changed outside Pulumi on read", async () => {
    const created = await kb.create(await inputs());
    const stale = { ...created.outs, chunkSize: 800 };

    const read = await kb.read(created.id, stale);
    expect(read.props.chunkSize).toBe(500);
    expect(read.inputs.chunkSize).toBe(500);

    const diff = await kb.diff(created.id, read.props, stale);
    expect(diff.replaces).toEqual(["chunkSize"]);
  });

  it("treats deleting a missing index as done", async () => {
    const created = await kb.create(await inputs());
    await client.deleteIndex(workspaceId, { IndexId: created.id });

    await expect(kb.delete(created.id, created.outs)).resolves.toBeUndefined();
  });

  it("fails with HTTP 403 in a forbidden workspace", async () => {
    fixture.emulator.control.addWorkspace("llm-forbidden", { forbidden: true });
    const error = await rejection(kb.create(await inputs({ workspaceId: "llm-forbidden" })));

    expect(error).toBeInstanceOf(BailianApiError);
    expect((error as unknown as BailianApiError).httpStatus).toBe(403);
  });

  it("updates deleteOnDestroy without a request", async () => {
    const created = await kb.create(await inputs());
    fixture.emulator.control.resetStats();

    const updated = await kb.update(
      created.id,
      created.outs,
      await inputs({ deleteOnDestroy: false }),
    );

    expect(updated.outs.indexId).toBe(created.id);
    expect(updated.outs.deleteOnDestroy).toBe(false);
    expect(updated.outs.settings).toEqual(created.outs.settings);
    expect(requestCount(fixture.emulator)).toBe(0);
  });
});

describe("KnowledgeBase diff", () => {
  const olds = {
    workspaceId: "llm-ws",
    name: "kb-docs",
    sourceType: "DATA_CENTER_CATEGORY",
    categoryIds: ["default"],
    chunkSize: 500,
    connection: { endpoint: "http://127.0.0.1:1", profile: "a" },
    indexId: "idx-1",
    __provider: "old provider text",
  };

  it("ignores a change of the provider text alone", async () => {
    const result = await kb.diff("idx-1", olds, { ...olds, __provider: "new provider text" });
    expect(result.changes).toBe(false);
  });

  it("replaces on a CreateIndex setting, deleting first", async () => {
    const result = await kb.diff("idx-1", olds, { ...olds, chunkSize: 800 });
    expect(result.replaces).toEqual(["chunkSize"]);
    expect(result.deleteBeforeReplace).toBe(true);
  });

  it("replaces on a new name, creating first", async () => {
    const result = await kb.diff("idx-1", olds, { ...olds, name: "kb-other" });
    expect(result.replaces).toEqual(["name"]);
    expect(result.deleteBeforeReplace).toBe(false);
  });

  it("replaces on a new endpoint but updates a new profile", async () => {
    const moved = await kb.diff("idx-1", olds, {
      ...olds,
      connection: { endpoint: "http://127.0.0.1:2", profile: "a" },
    });
    expect(moved.replaces).toEqual(["connection"]);

    const profile = await kb.diff("idx-1", olds, {
      ...olds,
      connection: { endpoint: "http://127.0.0.1:1", profile: "b" },
    });
    expect(profile.changes).toBe(true);
    expect(profile.replaces).toBeUndefined();
  });

  it("updates deleteOnDestroy in place", async () => {
    const result = await kb.diff("idx-1", olds, { ...olds, deleteOnDestroy: true });
    expect(result.changes).toBe(true);
    expect(result.replaces).toBeUndefined();
  });

  it("reports an unknown setting during a preview as a replacement", async () => {
    const result = await kb.diff("idx-1", olds, { ...olds, categoryIds: [UNKNOWN_VALUE] });
    expect(result.replaces).toEqual(["categoryIds"]);
  });
});
