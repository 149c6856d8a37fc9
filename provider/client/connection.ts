// Endpoint, protocol and timeouts of a Bailian client, resolved from ConnectionSettings.
// The generated Alibaba SDK has no endpoint map for Bailian and falls back to a host without a
// region, so this client always passes an explicit host.
import { isIP } from "node:net";
import { BailianInputError } from "./errors";
import type { ConnectionSettings } from "./types";

/** Regions with a documented public Bailian endpoint. */
export const KNOWN_REGIONS: readonly string[] = ["cn-beijing", "ap-southeast-1"];

/** Read timeout used when the settings give none; the SDK's own default of 3 s is too short. */
export const DEFAULT_READ_TIMEOUT_SECONDS = 60;
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
const MAX_TIMEOUT_SECONDS = 3600;

/** Connection values the SDK configuration takes. */
export interface ResolvedConnection {
  /** Host with an optional port, sent verbatim as the `host` header, e.g. "127.0.0.1:8089". */
  host: string;
  protocol: "http" | "https";
  readTimeoutMs: number;
  connectTimeoutMs: number;
}

const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+){1,3}$/;
const HOST_PORT_PATTERN = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/** Resolves and checks the settings; throws BailianInputError naming the bad setting. */
export function resolveConnectionSettings(settings: ConnectionSettings): ResolvedConnection {
  const protocol = checkProtocol(settings.protocol);
  const readTimeoutMs = timeoutMs(
    "readTimeoutSeconds",
    settings.readTimeoutSeconds,
    DEFAULT_READ_TIMEOUT_SECONDS,
  );
  const connectTimeoutMs = timeoutMs(
    "connectTimeoutSeconds",
    settings.connectTimeoutSeconds,
    DEFAULT_CONNECT_TIMEOUT_SECONDS,
  );

  if (settings.endpoint !== undefined && settings.endpoint !== "") {
    const parsed = parseEndpoint(settings.endpoint, protocol);
    return { ...parsed, readTimeoutMs, connectTimeoutMs };
  }
  if (settings.region !== undefined && settings.region !== "") {
    return {
      host: endpointForRegion(settings.region),
      protocol: protocol ?? "https",
      readTimeoutMs,
      connectTimeoutMs,
    };
  }
  throw new BailianInputError(
    "endpoint",
    "No Bailian endpoint is configured: set region (cn-beijing or ap-southeast-1) or endpoint " +
      '(a host such as "127.0.0.1:8089" or a URL such as "http://127.0.0.1:8089").',
  );
}

/** Returns the public Bailian host of a region, such as `bailian.cn-beijing.aliyuncs.com`. */
export function endpointForRegion(region: string): string {
  if (!REGION_PATTERN.test(region)) {
    throw new BailianInputError(
      "region",
      `Invalid region ${JSON.stringify(region)}: use a region id such as "cn-beijing" or ` +
        '"ap-southeast-1", or set endpoint instead.',
    );
  }
  if (!KNOWN_REGIONS.includes(region)) {
    throw new BailianInputError(
      "region",
      `Region ${JSON.stringify(region)} has no documented Bailian endpoint: use ` +
        `${KNOWN_REGIONS.map((known) => JSON.stringify(known)).join(" or ")}, or set endpoint ` +
        "to the host of another region.",
    );
  }
  return `bailian.${region}.aliyuncs.com`;
}

/**
 * Reports whether an endpoint (a host with optional port, or a URL) names a loopback address:
 * `localhost`, 127.0.0.0/8 or ::1.
 */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (endpoint === undefined || endpoint === "") {
    return false;
  }
  let hostname: string;
  try {
    hostname = new URL(hasScheme(endpoint) ? endpoint : `http://${endpoint}`).hostname;
  } catch {
    return false;
  }
  hostname = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (hostname === "localhost" || hostname === "::1") {
    return true;
  }
  return isIP(hostname) === 4 && hostname.startsWith("127.");
}

function parseEndpoint(
  endpoint: string,
  protocol: "http" | "https" | undefined,
): Pick<ResolvedConnection, "host" | "protocol"> {
  if (!hasScheme(endpoint)) {
    checkHostAndPort(endpoint);
    // A loopback endpoint is a local emulator or proxy, which speaks plain HTTP unless protocol is set.
    const fallback = isLoopbackEndpoint(endpoint) ? "http" : "https";
    return { host: endpoint, protocol: protocol ?? fallback };
  }

  const invalid = (reason: string): BailianInputError =>
    new BailianInputError(
      "endpoint",
      `Invalid endpoint ${JSON.stringify(endpoint)}: ${reason}; ` +
        'use a host such as "127.0.0.1:8089" or a URL such as "http://127.0.0.1:8089".',
    );
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid("it is not a valid URL");
  }
  const scheme = url.protocol.replace(/:$/, "");
  if (scheme !== "http" && scheme !== "https") {
    throw invalid(`the scheme "${scheme}" is not http or https`);
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
    throw invalid("a URL endpoint may not have a path, query or fragment");
  }
  if (url.username !== "" || url.password !== "") {
    throw invalid("a URL endpoint may not contain a user name or password");
  }
  if (protocol !== undefined && protocol !== scheme) {
    throw new BailianInputError(
      "protocol",
      `protocol "${protocol}" contradicts the scheme of endpoint ${JSON.stringify(endpoint)}: ` +
        "remove protocol or make the two agree.",
    );
  }
  return { host: url.host, protocol: scheme };
}

function checkHostAndPort(endpoint: string): void {
  const match = HOST_PORT_PATTERN.exec(endpoint);
  const port = match?.[2] === undefined ? 1 : Number(match[2].slice(1));
  if (match === null || port < 1 || port > 65535) {
    throw new BailianInputError(
      "endpoint",
      `Invalid endpoint ${JSON.stringify(endpoint)}: expected a host with an optional port, ` +
        'such as "127.0.0.1:8089" or "bailian.cn-beijing.aliyuncs.com", or an http(s) URL.',
    );
  }
}

function checkProtocol(protocol: unknown): "http" | "https" | undefined {
  if (protocol === undefined || protocol === "http" || protocol === "https") {
    return protocol;
  }
  throw new BailianInputError(
    "protocol",
    `Invalid protocol ${JSON.stringify(protocol)}: use "http" or "https".`,
  );
}

function timeoutMs(name: string, seconds: number | undefined, defaultSeconds: number): number {
  if (seconds === undefined) {
    return defaultSeconds * 1000;
  }
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0) {
    throw new BailianInputError(
      name,
      `Invalid ${name} ${JSON.stringify(seconds)}: use a number of seconds above 0 ` +
        `(default ${defaultSeconds}).`,
    );
  }
  if (seconds > MAX_TIMEOUT_SECONDS) {
    throw new BailianInputError(
      name,
      `Invalid ${name} ${seconds}: the maximum is ${MAX_TIMEOUT_SECONDS} seconds.`,
    );
  }
  return Math.round(seconds * 1000);
}

function hasScheme(endpoint: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(endpoint);
}
