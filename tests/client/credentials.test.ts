// Credential lookup order against the emulator: a call succeeds only when the client picked the
// emulator's key, because every other source in a test has a key the emulator does not know.
// HOME points at a fresh temporary directory, so no real credentials file is ever read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "../../emulator";
import {
  BailianApiError,
  BailianClient,
  BailianInputError,
  type ConnectionSettings,
} from "../../provider/client";
import { rejectionOf, startLoggedEmulator } from "./helpers";

const VARIABLES = [
  "HOME",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "ALIBABA_CLOUD_PROFILE",
  "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
];
const WRONG = { id: "LTAIwrongkey", secret: "wrong-secret" };

let saved: Record<string, string | undefined>;
let home: string;
let emulator: Emulator;
let log: string[];

beforeEach(async () => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) {
    delete process.env[name];
  }
  home = mkdtempSync(join(tmpdir(), "bailian-credentials-"));
  process.env.HOME = home;
  ({ emulator, log } = await startLoggedEmulator());
});

afterEach(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = value;
    }
  }
  rmSync(home, { recursive: true, force: true });
  await emulator.close();
});

function clientWith(settings: Partial<ConnectionSettings> = {}): BailianClient {
  return new BailianClient({ endpoint: emulator.endpoint, ...settings });
}

function setEnvironmentKey(id: string, secret: string): void {
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = id;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = secret;
}

/** Writes an ini credentials file with one access_key section per profile. */
function writeCredentialsFile(
  path: string,
  profiles: Record<string, { id: string; secret: string }>,
) {
  const sections = Object.entries(profiles).map(
    ([name, key]) =>
      `[${name}]\ntype = access_key\n` +
      `access_key_id = ${key.id}\naccess_key_secret = ${key.secret}\n`,
  );
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, sections.join("\n"));
}

/** Writes ~/.aliyun/config.json with an AK profile `current` and a decoy profile "other". */
function writeCliConfig(current: string, key: { id: string; secret: string }): void {
  const profile = (name: string, value: { id: string; secret: string }) => ({
    name,
    mode: "AK",
    access_key_id: value.id,
    access_key_secret: value.secret,
  });
  const config = { current, profiles: [profile("other", WRONG), profile(current, key)] };
  mkdirSync(join(home, ".aliyun"), { recursive: true });
  writeFileSync(join(home, ".aliyun", "config.json"), JSON.stringify(config));
}

function emulatorKey(): { id: string; secret: string } {
  return { id: emulator.accessKeyId, secret: emulator.accessKeySecret };
}

async function expectAccepted(client: BailianClient): Promise<void> {
  const data = await client.listIndices(emulator.workspaceId);
  expect(data.Indices).toEqual([]);
}

async function inputErrorOf(client: BailianClient): Promise<BailianInputError> {
  const error = await rejectionOf(client.listIndices(emulator.workspaceId));
  expect(error).toBeInstanceOf(BailianInputError);
  expect(log).toEqual([]);
  return error as BailianInputError;
}

describe("credential lookup order", () => {
  it("prefers explicit credentials over the environment", async () => {
    setEnvironmentKey(WRONG.id, WRONG.secret);
    const client = clientWith({
      credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    });
    await expectAccepted(client);
  });

  it("prefers the environment over the credentials file", async () => {
    setEnvironmentKey(emulator.accessKeyId, emulator.accessKeySecret);
    writeCredentialsFile(join(home, ".alibabacloud", "credentials"), { default: WRONG });
    await expectAccepted(clientWith());
  });

  it("uses the environment key, which a wrong key proves", async () => {
    setEnvironmentKey(WRONG.id, emulator.accessKeySecret);
    const error = await rejectionOf(clientWith().listIndices(emulator.workspaceId));
    expect(error).toBeInstanceOf(BailianApiError);
    expect((error as BailianApiError).code).toBe("InvalidAccessKeyId.NotFound");
    expect((error as BailianApiError).notFound).toBe(false);
  });

  it("reads ALIBABA_CLOUD_CREDENTIALS_FILE", async () => {
    const file = join(home, "elsewhere", "credentials");
    writeCredentialsFile(file, { default: emulatorKey() });
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
    await expectAccepted(clientWith());
  });

  it("reads the default credentials file in HOME", async () => {
    writeCredentialsFile(join(home, ".alibabacloud", "credentials"), { default: emulatorKey() });
    await expectAccepted(clientWith());
  });

  it("selects the profile from the settings", async () => {
    writeCredentialsFile(join(home, ".alibabacloud", "credentials"), {
      default: WRONG,
      ci: emulatorKey(),
    });
    await expectAccepted(clientWith({ profile: "ci" }));
  });

  it("selects the profile from ALIBABA_CLOUD_PROFILE", async () => {
    writeCredentialsFile(join(home, ".alibabacloud", "credentials"), {
      default: WRONG,
      ci: emulatorKey(),
    });
    process.env.ALIBABA_CLOUD_PROFILE = "ci";
    await expectAccepted(clientWith());
  });

  it("prefers the credentials file over the CLI configuration", async () => {
    writeCredentialsFile(join(home, ".alibabacloud", "credentials"), { default: emulatorKey() });
    writeCliConfig("main", WRONG);
    await expectAccepted(clientWith());
  });

  it("falls back to the Aliyun CLI configuration", async () => {
    writeCliConfig("main", emulatorKey());
    await expectAccepted(clientWith());
  });
});

describe("credential errors", () => {
  it("lists every source when none is found", async () => {
    const error = await inputErrorOf(clientWith());
    expect(error.property).toBe("credentials");
    expect(error.message).toContain("No Alibaba Cloud credentials found");
    for (const source of [
      "accessKeyId and accessKeySecret",
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALIBABA_CLOUD_CREDENTIALS_FILE",
      "~/.alibabacloud/credentials",
      "ALIBABA_CLOUD_PROFILE",
      "~/.aliyun/config.json",
    ]) {
      expect(error.message).toContain(source);
    }
  });

  it("names a profile found in no file", async () => {
    writeCredentialsFile(join(home, ".alibabacloud", "credentials"), { default: WRONG });
    const error = await inputErrorOf(clientWith({ profile: "missing" }));
    expect(error.message).toContain('Profile "missing" was found in neither file.');
  });

  it("names the missing half of an environment key", async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "LTAIonlyid";
    const error = await inputErrorOf(clientWith());
    expect(error.property).toBe("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  });

  it("rejects an explicit key without a secret", async () => {
    const error = await inputErrorOf(
      clientWith({ credentials: { accessKeyId: "LTAIx", accessKeySecret: "" } }),
    );
    expect(error.property).toBe("credentials.accessKeySecret");
  });

  it("rejects a credentials file that does not exist", async () => {
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = join(home, "absent");
    const error = await inputErrorOf(clientWith());
    expect(error.property).toBe("ALIBABA_CLOUD_CREDENTIALS_FILE");
    expect(error.message).toContain(join(home, "absent"));
  });

  it("rejects a profile type that contacts another host", async () => {
    const file = join(home, ".alibabacloud", "credentials");
    mkdirSync(join(home, ".alibabacloud"));
    writeFileSync(file, "[default]\ntype = ecs_ram_role\nrole_name = worker\n");
    const error = await inputErrorOf(clientWith());
    expect(error.property).toBe("profile");
    expect(error.message).toContain('has type "ecs_ram_role", which is not supported');
  });

  it("rejects a CLI mode that contacts another host", async () => {
    const config = { current: "ecs", profiles: [{ name: "ecs", mode: "EcsRamRole" }] };
    mkdirSync(join(home, ".aliyun"));
    writeFileSync(join(home, ".aliyun", "config.json"), JSON.stringify(config));
    const error = await inputErrorOf(clientWith());
    expect(error.message).toContain('mode "EcsRamRole", which is not supported');
  });
});

describe("STS credentials", () => {
  let sts: Emulator;

  beforeEach(async () => {
    sts = await startEmulator({
      accessKeyId: "STS.clienttest",
      accessKeySecret: "sts-secret",
      securityToken: "sts-token-1",
    });
  });

  afterEach(async () => {
    await sts.close();
  });

  it("passes an explicit token through", async () => {
    const client = new BailianClient({
      endpoint: sts.endpoint,
      credentials: {
        accessKeyId: "STS.clienttest",
        accessKeySecret: "sts-secret",
        securityToken: "sts-token-1",
      },
    });
    expect((await client.listIndices(sts.workspaceId)).Indices).toEqual([]);
  });

  it("passes ALIBABA_CLOUD_SECURITY_TOKEN through", async () => {
    setEnvironmentKey("STS.clienttest", "sts-secret");
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = "sts-token-1";
    const client = new BailianClient({ endpoint: sts.endpoint });
    expect((await client.listIndices(sts.workspaceId)).Indices).toEqual([]);
  });

  it("fails without the token", async () => {
    setEnvironmentKey("STS.clienttest", "sts-secret");
    const client = new BailianClient({ endpoint: sts.endpoint });
    const error = await rejectionOf(client.listIndices(sts.workspaceId));
    expect(error).toBeInstanceOf(BailianApiError);
    expect((error as BailianApiError).httpStatus).toBe(400);
  });
});
