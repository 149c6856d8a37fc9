// Credential sources stored in files: the Alibaba Cloud credentials file (ini) and the Aliyun
// CLI configuration (JSON). Only entries with static keys are accepted, because the other types
// and modes make the library contact STS, ECS metadata or another host.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import {
  CLIProfileCredentialsProvider,
  type CredentialsProvider,
  ProfileCredentialsProvider,
} from "@alicloud/credentials";
import { BailianInputError } from "./errors";

/** A credentials provider and a human-readable description of where its values come from. */
export interface FoundProvider {
  provider: CredentialsProvider;
  source: string;
}

/** Aliyun CLI profile modes that carry static keys; the other modes contact remote hosts. */
const STATIC_CLI_MODES = new Set(["AK", "StsToken"]);

/**
 * Returns the directory containing `.alibabacloud/` and `.aliyun/`: $HOME when set, which is what
 * os.homedir() returns on Linux and macOS, read through process.env so that tests can redirect it.
 */
function homeDirectory(): string {
  return nonEmpty(process.env.HOME) ?? homedir();
}

/**
 * Points a library provider at `home`. The 2.4 providers copy os.homedir() into a field named
 * `homedir` in their constructors, which the library's source marks as its own test hook.
 */
function useHomeDirectory<T extends object>(provider: T, home: string): T {
  return Object.assign(provider, { homedir: home });
}

/** Thrown inside the profile provider when the file has no section for the profile. */
class ProfileSectionMissing extends Error {}

/** Accepts only `type = access_key` sections: the other types contact STS or ECS metadata. */
class AccessKeyProfileProvider extends ProfileCredentialsProvider {
  constructor(
    private readonly profile: string,
    private readonly file: string,
  ) {
    super(ProfileCredentialsProvider.builder().withProfileName(profile));
  }

  // The library types the parsed ini as any.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override getCredentialsProvider(ini: any): CredentialsProvider {
    const section: unknown = ini?.[this.profile];
    if (typeof section !== "object" || section === null) {
      throw new ProfileSectionMissing();
    }
    const entries = section as Record<string, unknown>;
    if (entries.type !== "access_key") {
      throw new BailianInputError(
        "profile",
        `Profile "${this.profile}" in ${this.file} has type ${JSON.stringify(entries.type)}, ` +
          "which is not supported: use type = access_key with access_key_id and access_key_secret.",
      );
    }
    if (
      nonEmpty(entries.access_key_id) === undefined ||
      nonEmpty(entries.access_key_secret) === undefined
    ) {
      throw new BailianInputError(
        "profile",
        `Profile "${this.profile}" in ${this.file} lacks access_key_id or access_key_secret.`,
      );
    }
    return super.getCredentialsProvider(ini);
  }
}

export async function credentialsFileProvider(profile: string): Promise<FoundProvider | undefined> {
  const configuredPath = nonEmpty(process.env.ALIBABA_CLOUD_CREDENTIALS_FILE);
  const home = homeDirectory();
  const file = configuredPath ?? join(home, ".alibabacloud", "credentials");
  if (!existsSync(file)) {
    if (configuredPath !== undefined) {
      throw new BailianInputError(
        "ALIBABA_CLOUD_CREDENTIALS_FILE",
        `ALIBABA_CLOUD_CREDENTIALS_FILE names ${file}, which does not exist: ` +
          "correct the path or unset the variable.",
      );
    }
    return undefined;
  }

  const provider = useHomeDirectory(new AccessKeyProfileProvider(profile, file), home);
  try {
    await provider.getCredentials();
  } catch (error) {
    if (error instanceof ProfileSectionMissing) {
      return undefined;
    }
    throw readFailure(error, file);
  }
  return { provider, source: `profile "${profile}" in ${file}` };
}

export function cliConfigProvider(requestedProfile: string | undefined): FoundProvider | undefined {
  if (process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() === "true") {
    return undefined;
  }
  const home = homeDirectory();
  const file = join(home, ".aliyun", "config.json");
  if (!existsSync(file)) {
    return undefined;
  }

  const config = readCliConfig(file);
  const name = requestedProfile ?? nonEmpty(config.current);
  const profile = config.profiles?.find((entry) => entry.name === name);
  if (name === undefined || profile === undefined) {
    return undefined;
  }
  if (!STATIC_CLI_MODES.has(String(profile.mode))) {
    throw new BailianInputError(
      "profile",
      `Aliyun CLI profile "${name}" in ${file} has mode ${JSON.stringify(profile.mode)}, ` +
        "which is not supported: use a profile with mode AK or StsToken.",
    );
  }
  const provider = useHomeDirectory(
    CLIProfileCredentialsProvider.builder().withProfileName(name).build(),
    home,
  );
  return { provider, source: `Aliyun CLI profile "${name}" in ${file}` };
}

interface CliConfig {
  current?: string;
  profiles?: { name?: string; mode?: string }[];
}

function readCliConfig(file: string): CliConfig {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as CliConfig;
  } catch {
    throw new BailianInputError(
      "profile",
      `The Aliyun CLI configuration ${file} is not valid JSON: fix or remove it.`,
    );
  }
}

/** Wraps a library error (unreadable file, bad ini, empty key) with the source it came from. */
export function readFailure(error: unknown, source: string): BailianInputError {
  if (error instanceof BailianInputError) {
    return error;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new BailianInputError(
    "credentials",
    `Reading credentials from ${source} failed: ${reason}. Fix that source or give credentials ` +
      "another way.",
  );
}

export function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
