// The IndexJob class inside a Pulumi program run under mocks: what it registers, what its
// serialized provider contains, and whether a consumer of readyIndexId waits for the job.
import * as pulumi from "@pulumi/pulumi";
import { IndexJob } from "../../sdk/index-job";

const ENV_SECRET = "env-secret-value-7f3a9c";
const CONFIG_SECRET = "config-secret-value-1b8e4d";
const ENV_TOKEN = "env-token-value-55d2e0";
const JOB_DELAY_MS = 100;

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** Milliseconds since the test started when the mock saw the registration. */
  seenAt: number;
  /** Set for the job: when the mock returned its outputs. */
  resolvedAt?: number;
}

const registrations: Registration[] = [];
let started = Date.now();

class App extends pulumi.CustomResource {
  declare public readonly indexId: pulumi.Output<string>;

  constructor(name: string, args: { indexId: pulumi.Input<string> }) {
    super("test:index:App", name, { ...args });
  }
}

const saved = {
  secret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  token: process.env.ALIBABA_CLOUD_SECURITY_TOKEN,
};

beforeAll(async () => {
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = ENV_SECRET;
  process.env.ALIBABA_CLOUD_SECURITY_TOKEN = ENV_TOKEN;
  pulumi.runtime.setAllConfig(
    { "bailian:accessKeyId": "config-key-id", "bailian:accessKeySecret": CONFIG_SECRET },
    ["bailian:accessKeySecret"],
  );
  await pulumi.runtime.setMocks(
    {
      async newResource(args) {
        const registration: Registration = {
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          seenAt: Date.now() - started,
        };
        registrations.push(registration);
        if (args.type.endsWith(":IndexJob")) {
          // The job takes a while, as a real create does; its outputs come only afterwards.
          await new Promise((resolve) => setTimeout(resolve, JOB_DELAY_MS));
          registration.resolvedAt = Date.now() - started;
          const state = {
            ...args.inputs,
            jobId: "job-1",
            jobStatus: "COMPLETED",
            readyIndexId: args.inputs.indexId,
          };
          return { id: "job-1", state };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

afterAll(() => {
  for (const [key, value] of [
    ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", saved.secret],
    ["ALIBABA_CLOUD_SECURITY_TOKEN", saved.token],
  ] as const) {
    if (value === undefined) {
      delete process.env[key];
    } else {
      process.env[key] = value;
    }
  }
});

function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("IndexJob in a program", () => {
  beforeEach(() => {
    registrations.length = 0;
    started = Date.now();
  });

  test("consumer of readyIndexId waits for the job", async () => {
    const job = new IndexJob("kb-build", { workspaceId: "llm-ws1", indexId: "idx-1" });
    const app = new App("app", { indexId: job.readyIndexId });

    expect(await outputValue(app.indexId)).toBe("idx-1");

    expect(registrations.map((entry) => entry.name)).toEqual(["kb-build", "app"]);
    const [jobRegistration, appRegistration] = registrations;
    expect(jobRegistration.type).toBe("pulumi-nodejs:dynamic/bailian:IndexJob");
    expect(appRegistration.seenAt).toBeGreaterThanOrEqual(jobRegistration.resolvedAt!);
    expect(appRegistration.inputs).toEqual({ indexId: "idx-1" });
  });

  test("registered inputs hold no outputs", async () => {
    const job = new IndexJob("kb-append", {
      workspaceId: "llm-ws1",
      indexId: "idx-1",
      documents: { sourceType: "DATA_CENTER_FILE", ids: ["file-1"] },
      pollIntervalSeconds: 10,
    });
    await outputValue(job.jobId);

    const inputs = registrations[0].inputs;
    expect(Object.keys(inputs).sort()).toEqual(
      ["__provider", "documents", "indexId", "pollIntervalSeconds", "workspaceId"].sort(),
    );
  });

  // Coverage counters would be serialized into the text and inflate it, so this runs only
  // without coverage.
  const withoutCoverage = "__coverage__" in globalThis ? test.skip : test;

  withoutCoverage("serialized provider is small and holds no credentials", async () => {
    const job = new IndexJob("kb-serialized", { workspaceId: "llm-ws1", indexId: "idx-1" });
    await outputValue(job.jobId);

    const text = registrations[0].inputs.__provider as string;
    expect(typeof text).toBe("string");
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(20 * 1024);
    expect(text).toContain("IndexJob");
    expect(text).toContain('requireFromProgram("pulumi-bailian/provider")');
    for (const secret of [ENV_SECRET, CONFIG_SECRET, ENV_TOKEN, "config-key-id"]) {
      expect(text).not.toContain(secret);
    }
  });
});
