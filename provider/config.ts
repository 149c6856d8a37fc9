import * as pulumi from "@pulumi/pulumi";
import type { AccessKeyCredentials, ConnectionSettings } from "./client/types";

/** Connection inputs a resource may carry; credentials are never among them. */
export interface ConnectionInputs {
  region?: string;
  endpoint?: string;
  protocol?: "http" | "https";
  profile?: string;
}

/** Stack configuration keys the provider reads, all in the `bailian` namespace. */
export const CONFIG_KEYS = {
  region: "bailian:region",
  endpoint: "bailian:endpoint",
  protocol: "bailian:protocol",
  profile: "bailian:profile",
  accessKeyId: "bailian:accessKeyId",
  accessKeySecret: "bailian:accessKeySecret",
  securityToken: "bailian:securityToken",
} as const;

type ProviderConfig = Partial<Record<keyof typeof CONFIG_KEYS, string>>;

let storedConfig: ProviderConfig = {};

/** Keeps the stack configuration the engine sends when it configures the provider. */
export function storeProviderConfig(request: pulumi.dynamic.ConfigureRequest): void {
  const config: ProviderConfig = {};
  for (const [name, key] of Object.entries(CONFIG_KEYS)) {
    const value = request.config.get(key);
    if (typeof value === "string" && value !== "") {
      config[name as keyof ProviderConfig] = value;
    }
  }
  storedConfig = config;
}

/** Forgets the stored configuration; tests that configure the provider in-process use this. */
export function resetProviderConfig(): void {
  storedConfig = {};
}

function configuredCredentials(): AccessKeyCredentials | undefined {
  const { accessKeyId, accessKeySecret, securityToken } = storedConfig;
  if (accessKeyId === undefined || accessKeySecret === undefined) {
    return undefined;
  }
  return { accessKeyId, accessKeySecret, securityToken };
}

function parseProtocol(value: string | undefined): "http" | "https" | undefined {
  return value === "http" || value === "https" ? value : undefined;
}

/**
 * Resolves the settings for one API call. Each field comes from the resource's inputs, else the
 * stack configuration (`bailian:*`), else the environment (`BAILIAN_ENDPOINT`, `BAILIAN_REGION`).
 * Credentials come from the configuration only here; without them the client falls back to the
 * environment variables and the profile file.
 */
export function resolveConnection(inputs: ConnectionInputs | undefined): ConnectionSettings {
  const endpoint = inputs?.endpoint ?? storedConfig.endpoint ?? process.env.BAILIAN_ENDPOINT;
  const region = inputs?.region ?? storedConfig.region ?? process.env.BAILIAN_REGION;
  const protocol =
    inputs?.protocol ??
    parseProtocol(storedConfig.protocol) ??
    parseProtocol(process.env.BAILIAN_PROTOCOL);

  return {
    // A region set on the resource wins over an endpoint from the configuration or environment.
    endpoint: inputs?.region !== undefined && inputs.endpoint === undefined ? undefined : endpoint,
    region,
    protocol,
    profile: inputs?.profile ?? storedConfig.profile,
    credentials: configuredCredentials(),
  };
}
