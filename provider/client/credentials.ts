// Credential lookup for the Bailian client, built from @alicloud/credentials 2.4 providers.
// Order: explicit values, then the ALIBABA_CLOUD_* environment variables, then the credentials
// file, then the Aliyun CLI configuration. The library's default chain is never used, and
// profiles that would fetch credentials from another host (ECS metadata, STS role assumption,
// OIDC, SSO, OAuth, external processes) are rejected, so resolving credentials sends no traffic.
import {
  type CredentialsProvider,
  EnvironmentVariableCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
} from "@alicloud/credentials";
import {
  cliConfigProvider,
  credentialsFileProvider,
  type FoundProvider,
  nonEmpty,
  readFailure,
} from "./credential-files";
import { BailianInputError } from "./errors";
import type { AccessKeyCredentials, ConnectionSettings } from "./types";

/** A credentials provider and where its values came from. */
export interface ResolvedCredentials extends FoundProvider {
  /** The secret and token values, so that error text can be scrubbed of them. */
  secrets: string[];
}

/**
 * Finds credentials in the documented order and checks that they can be read. Throws
 * BailianInputError when none are found or a found source is incomplete.
 */
export async function resolveCredentials(
  settings: Pick<ConnectionSettings, "credentials" | "profile">,
): Promise<ResolvedCredentials> {
  const requestedProfile =
    nonEmpty(settings.profile) ?? nonEmpty(process.env.ALIBABA_CLOUD_PROFILE);
  const found =
    explicitProvider(settings.credentials) ??
    environmentProvider() ??
    (await credentialsFileProvider(requestedProfile ?? "default")) ??
    cliConfigProvider(requestedProfile);

  if (found === undefined) {
    throw missingCredentialsError(requestedProfile);
  }
  let credentials: Awaited<ReturnType<CredentialsProvider["getCredentials"]>>;
  try {
    credentials = await found.provider.getCredentials();
  } catch (error) {
    throw readFailure(error, found.source);
  }
  const secrets = [credentials.accessKeySecret, credentials.securityToken].filter(
    (value): value is string => typeof value === "string" && value !== "",
  );
  return { ...found, secrets };
}

function explicitProvider(
  credentials: AccessKeyCredentials | undefined,
): FoundProvider | undefined {
  if (credentials === undefined) {
    return undefined;
  }
  for (const field of ["accessKeyId", "accessKeySecret"] as const) {
    if (typeof credentials[field] !== "string" || credentials[field] === "") {
      throw new BailianInputError(
        `credentials.${field}`,
        `credentials.${field} is missing or empty: give both accessKeyId and accessKeySecret, ` +
          "or leave credentials out to use the environment or a profile.",
      );
    }
  }
  const source = "explicit credentials";
  if (nonEmpty(credentials.securityToken) !== undefined) {
    const provider = StaticSTSCredentialsProvider.builder()
      .withAccessKeyId(credentials.accessKeyId)
      .withAccessKeySecret(credentials.accessKeySecret)
      .withSecurityToken(credentials.securityToken as string)
      .build();
    return { provider, source };
  }
  const provider = StaticAKCredentialsProvider.builder()
    .withAccessKeyId(credentials.accessKeyId)
    .withAccessKeySecret(credentials.accessKeySecret)
    .build();
  return { provider, source };
}

function environmentProvider(): FoundProvider | undefined {
  const id = nonEmpty(process.env.ALIBABA_CLOUD_ACCESS_KEY_ID);
  const secret = nonEmpty(process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET);
  if (id === undefined && secret === undefined) {
    return undefined;
  }
  if (id === undefined || secret === undefined) {
    const missing =
      id === undefined ? "ALIBABA_CLOUD_ACCESS_KEY_ID" : "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    throw new BailianInputError(
      missing,
      `The environment variable ${missing} is not set, but its partner is: set both ` +
        "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or neither.",
    );
  }
  return {
    provider: EnvironmentVariableCredentialsProvider.builder().build(),
    source: "environment variables",
  };
}

function missingCredentialsError(requestedProfile: string | undefined): BailianInputError {
  const profileNote =
    requestedProfile === undefined
      ? ""
      : ` Profile "${requestedProfile}" was found in neither file.`;
  return new BailianInputError(
    "credentials",
    "No Alibaba Cloud credentials found for Bailian." +
      profileNote +
      " Give them in one of these ways: explicit credentials (accessKeyId and accessKeySecret, " +
      "in Pulumi the config value bailian:accessKeyId and the secret bailian:accessKeySecret); " +
      "the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET " +
      "(plus ALIBABA_CLOUD_SECURITY_TOKEN for STS); an access_key profile in " +
      "~/.alibabacloud/credentials or the file named by ALIBABA_CLOUD_CREDENTIALS_FILE, chosen " +
      "by profile or ALIBABA_CLOUD_PROFILE; or an AK or StsToken profile in ~/.aliyun/config.json.",
  );
}
