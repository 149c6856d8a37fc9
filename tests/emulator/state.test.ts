import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions } from "pulumi-bailian/emulator";
import { $Bailian, officialClient, uploadFile } from "./helpers";

describe("emulator state file", () => {
  let directory: string;
  let emulator: Emulator | undefined;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "bailian-emulator-"));
  });

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  test("keeps files, indices and jobs across a restart", async () => {
    const options: EmulatorOptions = {
      stateFile: join(directory, "state.json"),
      accessKeyId: "LTAIstatetest",
      accessKeySecret: "state-secret",
      workspaceId: "llm-state",
      jobTiming: { pendingSeconds: 5, fixedDurationSeconds: 60 },
    };
    emulator = await startEmulator(options);
    let client = officialClient(emulator);
    const ws = emulator.workspaceId;
    const fileId = await uploadFile(
      client,
      ws,
      "kept.txt",
      Buffer.from("Persistent text about otters."),
    );
    emulator.control.advance(10);
    const created = await client.createIndex(
      ws,
      new $Bailian.CreateIndexRequest({
        name: "kept",
        structureType: "unstructured",
        sinkType: "BUILT_IN",
        sourceType: "DATA_CENTER_FILE",
        documentIds: [fileId],
      }),
    );
    const indexId = created.body!.data!.id!;
    const job = await client.submitIndexJob(ws, new $Bailian.SubmitIndexJobRequest({ indexId }));
    const jobId = job.body!.data!.id!;
    emulator.control.advance(30);
    await emulator.close();

    emulator = await startEmulator(options);
    client = officialClient(emulator);
    const status = () =>
      client
        .getIndexJobStatus(ws, new $Bailian.GetIndexJobStatusRequest({ indexId, jobId }))
        .then((r) => r.body!.data!);
    expect((await status()).status).toBe("RUNNING");
    emulator.control.advance(40);
    expect((await status()).status).toBe("COMPLETED");

    const described = await client.describeFile(ws, fileId, new $Bailian.DescribeFileRequest({}));
    expect(described.body!.data!.status).toBe("PARSE_SUCCESS");
    const retrieved = await client.retrieve(
      ws,
      new $Bailian.RetrieveRequest({ indexId, query: "otters" }),
    );
    expect(retrieved.body!.data!.nodes![0].text).toContain("otters");
    expect(readdirSync(directory)).toEqual(["state.json"]);
  });

  test("reuses the stored workspace when none is given", async () => {
    const stateFile = join(directory, "state.json");
    emulator = await startEmulator({ stateFile });
    const first = emulator.workspaceId;
    await emulator.close();
    emulator = await startEmulator({ stateFile });
    expect(emulator.workspaceId).toBe(first);
  });

  test("state file is owner-only", async () => {
    const stateFile = join(directory, "state.json");
    emulator = await startEmulator({ stateFile });

    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
  });

  test("rejects a corrupt state file", async () => {
    const stateFile = join(directory, "state.json");
    writeFileSync(stateFile, "{not json");
    await expect(startEmulator({ stateFile })).rejects.toThrow("is not valid JSON");
  });
});
