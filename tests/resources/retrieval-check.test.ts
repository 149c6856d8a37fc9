import { BailianClient } from "../../provider/client";
import { RetrievalCheckFailedError } from "../../provider/resources/errors";
import {
  checked,
  provider,
  rejection,
  requestCount,
  startFixture,
  type ResourceFixture,
} from "./fixture";

const checks = provider("RetrievalCheck");

const REFUND_TEXT =
  "Refund policy. Customers may return unopened items within thirty days for a full refund. " +
  "Refunds are paid to the original card within five working days.";

describe("RetrievalCheck provider", () => {
  let fixture: ResourceFixture;
  let client: BailianClient;
  let workspaceId: string;
  let indexId: string;

  beforeEach(async () => {
    fixture = await startFixture();
    workspaceId = fixture.emulator.workspaceId;
    client = new BailianClient({ endpoint: fixture.emulator.endpoint });

    const documentIds = fixture.emulator.control.seedFiles([
      { name: "refunds.txt", content: REFUND_TEXT },
      { name: "shipping.txt", content: "Parcels ship within two days by courier." },
    ]);
    const index = await client.createIndex(workspaceId, {
      Name: "kb-support",
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
      SourceType: "DATA_CENTER_FILE",
      DocumentIds: documentIds,
    });
    indexId = index.Id;
    const job = await client.submitIndexJob(workspaceId, { IndexId: indexId });
    fixture.emulator.control.advance(3600);
    const status = await client.getIndexJobStatus(workspaceId, { IndexId: indexId, JobId: job.Id });
    expect(status.Status).toBe("COMPLETED");
    fixture.emulator.control.resetStats();
  });

  afterEach(async () => {
    await fixture.close();
  });

  function inputs(extra: Record<string, unknown> = {}) {
    return checked("RetrievalCheck", {
      workspaceId,
      indexId,
      query: "refund within thirty days",
      connection: fixture.connection,
      ...extra,
    });
  }

  it("records the top nodes of a passing query", async () => {
    const result = await checks.create(await inputs({ maxTextLength: 20 }));

    expect(result.outs.resultCount).toBeGreaterThanOrEqual(1);
    expect(result.outs.nodes[0].text).toBe(REFUND_TEXT.slice(0, 20));
    expect(result.outs.nodes[0].score).toBeGreaterThan(0);
    expect(result.outs.nodes[0].score).toBeLessThanOrEqual(1);
    expect(Date.parse(result.outs.checkedAt)).not.toBeNaN();
    expect(fixture.emulator.control.stats().requests.Retrieve).toBe(1);
  });

  it("fails when too few nodes come back", async () => {
    const error = await rejection(
      checks.create(await inputs({ query: "zebra xylophone quartz", minResults: 1 })),
    );

    expect(error).toBeInstanceOf(RetrievalCheckFailedError);
    expect(error.message).toContain('"zebra xylophone quartz" returned 0 node(s)');
    expect(error.message).toContain(indexId);
    expect(error.id).toBeUndefined();
  });

  it("runs again on update", async () => {
    const created = await checks.create(await inputs());
    const updated = await checks.update(
      created.id,
      created.outs,
      await inputs({ query: "courier parcels" }),
    );

    expect(updated.outs.query).toBe("courier parcels");
    expect(updated.outs.nodes[0].text).toContain("Parcels ship");
    expect(fixture.emulator.control.stats().requests.Retrieve).toBe(2);
  });

  it("reads and deletes without a request", async () => {
    const created = await checks.create(await inputs());
    fixture.emulator.control.resetStats();

    const read = await checks.read(created.id, created.outs);
    await checks.delete(created.id, created.outs);

    expect(read.props).toEqual(created.outs);
    expect(requestCount(fixture.emulator)).toBe(0);
  });

  it("diffs any input change as an update", async () => {
    const olds = { ...(await inputs()), resultCount: 1, __provider: "old" };

    const query = await checks.diff("c-1", olds, { ...olds, query: "other" });
    expect(query.changes).toBe(true);
    expect(query.replaces).toBeUndefined();

    const same = await checks.diff("c-1", olds, { ...olds, __provider: "new" });
    expect(same.changes).toBe(false);
  });
});
