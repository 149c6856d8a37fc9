// Shared setup of the resource tests: an emulator on a loopback port, credentials in the
// environment (restored afterwards), and the in-process provider implementations.
import type * as pulumi from "@pulumi/pulumi";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { implementation } from "../../provider";
import { resetProviderConfig } from "../../provider/config";

const CREDENTIAL_VARIABLES = [
  "BAILIAN_ENDPOINT",
  "BAILIAN_REGION",
  "BAILIAN_PROTOCOL",
  "BAILIAN_WORKSPACE_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_PROFILE",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
];

export interface ResourceFixture {
  emulator: Emulator;
  /** The `connection` input that points a resource at the emulator. */
  connection: { endpoint: string };
  close(): Promise<void>;
}

/** Starts an emulator and exports its credentials the way a user would set them. */
export async function startFixture(options: EmulatorOptions = {}): Promise<ResourceFixture> {
  const saved = Object.fromEntries(CREDENTIAL_VARIABLES.map((name) => [name, process.env[name]]));
  const emulator = await startEmulator({ timeScale: 100, rateLimits: false, ...options });
  for (const name of CREDENTIAL_VARIABLES) {
    delete process.env[name];
  }
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = emulator.accessKeyId;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = emulator.accessKeySecret;
  resetProviderConfig();

  return {
    emulator,
    connection: { endpoint: emulator.endpoint },
    async close() {
      await emulator.close();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) {
          delete process.env[name];
        } else {
          process.env[name] = value;
        }
      }
    },
  };
}

/** Converts a value as the dynamic-provider plugin does before sending it to the engine. */
function toStruct(value: unknown): void {
  if (value !== undefined) {
    Struct.fromJavaScript(value as Record<string, JavaScriptValue>);
  }
}

/**
 * Returns the provider of one resource kind, with every optional method present. Each result,
 * and the properties of each error that keeps a resource, goes through protobuf's Struct
 * conversion as in the plugin, so a value the plugin cannot send fails the test.
 */
export function provider(kind: string): Required<pulumi.dynamic.ResourceProvider> {
  const real = implementation(kind) as Required<pulumi.dynamic.ResourceProvider>;
  const checkError = (error: unknown) => {
    toStruct((error as { properties?: unknown }).properties);
    throw error;
  };
  return {
    ...real,
    async create(inputs) {
      const result = await real.create(inputs).catch(checkError);
      toStruct(result.outs);
      return result;
    },
    async read(id, props) {
      const result = await real.read(id, props);
      toStruct(result.props);
      toStruct(result.inputs);
      return result;
    },
    async update(id, olds, news) {
      const result = await real.update(id, olds, news).catch(checkError);
      toStruct(result.outs);
      return result;
    },
  };
}

/** Total requests the emulator has received since its stats were last reset. */
export function requestCount(emulator: Emulator): number {
  return Object.values(emulator.control.stats().requests).reduce((sum, n) => sum + n, 0);
}

/** Runs `check` and fails the test when it reports any failure; returns the checked inputs. */
export async function checked(
  kind: string,
  news: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = await provider(kind).check({}, news);
  expect(result.failures ?? []).toEqual([]);
  return result.inputs as Record<string, unknown>;
}

/** Awaits a promise that must reject, and returns the error. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject, but it resolved");
}
