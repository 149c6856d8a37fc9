// Shared setup of the IndexJob tests: an emulator on loopback, credentials in the environment,
// the provider implementation loaded the way the plugin loads it, and collected progress lines.
import type * as pulumi from "@pulumi/pulumi";
import { startEmulator, type Emulator, type JobTiming } from "pulumi-bailian/emulator";
import { BailianClient, implementation } from "pulumi-bailian/provider";
import { setProgressLog } from "../../provider/index-job/progress";

const ENV_KEYS = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_PROFILE",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "BAILIAN_ENDPOINT",
  "BAILIAN_REGION",
  "BAILIAN_PROTOCOL",
];

/** Emulated seconds per real second: a 7-second job takes 70 ms. */
export const TIME_SCALE = 100;
/** Real seconds between polls: 5 emulated seconds, within the emulator's status rate limit. */
export const POLL_SECONDS = 0.05;

export interface Harness {
  emu: Emulator;
  provider: pulumi.dynamic.ResourceProvider;
  client: BailianClient;
  info: string[];
  warnings: string[];
  close(): Promise<void>;
}

export async function startHarness(jobTiming?: JobTiming): Promise<Harness> {
  const emu = await startEmulator({ timeScale: TIME_SCALE, jobTiming });
  const savedEnv = new Map(ENV_KEYS.map((key) => [key, process.env[key]]));
  for (const key of ENV_KEYS) {
    delete process.env[key];
  }
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emu.accessKeyId;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emu.accessKeySecret;

  const info: string[] = [];
  const warnings: string[] = [];
  const previousLog = setProgressLog({
    info: (line) => info.push(line),
    warn: (line) => warnings.push(line),
    debug: () => undefined,
  });
  const client = new BailianClient({
    endpoint: emu.endpoint,
    credentials: { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret },
  });

  return {
    emu,
    provider: implementation("IndexJob"),
    client,
    info,
    warnings,
    async close() {
      setProgressLog(previousLog);
      for (const [key, value] of savedEnv) {
        if (value === undefined) {
          delete process.env[key];
        } else {
          process.env[key] = value;
        }
      }
      await emu.close();
    },
  };
}

/** Seeds parsed text files; an empty content makes the document fail with INSERT_ERROR. */
export function seedFiles(harness: Harness, contents: string[], categoryId?: string): string[] {
  return harness.emu.control.seedFiles(
    contents.map((content, position) => ({
      name: `doc-${position}-${Math.random().toString(36).slice(2, 8)}.txt`,
      content,
      categoryId,
    })),
  );
}

/** Creates an index whose build job ingests the given files. */
export async function createIndex(harness: Harness, fileIds: string[]): Promise<string> {
  const data = await harness.client.createIndex(harness.emu.workspaceId, {
    Name: `kb-${Math.random().toString(36).slice(2, 8)}`,
    StructureType: "unstructured",
    SinkType: "BUILT_IN",
    SourceType: "DATA_CENTER_FILE",
    DocumentIds: fileIds,
  });
  return data.Id;
}

/** Inputs for the provider with short polls against the emulator. */
export function jobInputs(
  harness: Harness,
  indexId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    workspaceId: harness.emu.workspaceId,
    indexId,
    pollIntervalSeconds: POLL_SECONDS,
    timeoutSeconds: 30,
    connection: { endpoint: harness.emu.endpoint },
    ...extra,
  };
}

/** Runs check the way the engine does, then returns the normalized inputs. */
export async function checked(
  harness: Harness,
  news: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = await harness.provider.check!({}, news);
  expect(result.failures ?? []).toEqual([]);
  return result.inputs as Record<string, unknown>;
}

/** Counts the emulator's calls of one operation. */
export function calls(harness: Harness, operation: string): number {
  return harness.emu.control.stats().requests[operation] ?? 0;
}
