// Checks of the `connection` input that every resource accepts: a region id, or an endpoint
// given as host[:port] or an http(s) URL without a path, and the protocol.
import {
  CheckFailures,
  checkEnum,
  checkKnownKeys,
  checkObject,
  checkString,
  describeValue,
  isUnknown,
} from "./validation";
import { KNOWN_REGIONS } from "./client/connection";

/** Region ids such as cn-beijing, ap-southeast-1 or us-east-1. */
const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** A host name or IPv4 address with an optional port, or a bracketed IPv6 address. */
const HOST_PORT_PATTERN =
  /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?$/;

/**
 * Splits an endpoint ("host[:port]" or "http(s)://host[:port]") into protocol and host, or
 * returns undefined when it has a path, a query, user info or a malformed host.
 */
export function parseEndpoint(
  endpoint: string,
): { protocol?: "http" | "https"; host: string; hostname: string } | undefined {
  let protocol: "http" | "https" | undefined;
  let rest = endpoint;
  const scheme = /^(https?):\/\//i.exec(endpoint);
  if (scheme) {
    protocol = scheme[1].toLowerCase() as "http" | "https";
    rest = endpoint.slice(scheme[0].length).replace(/\/$/, "");
  }
  if (!HOST_PORT_PATTERN.test(rest)) {
    return undefined;
  }
  const port = /:(\d+)$/.exec(rest);
  if (port && Number(port[1]) > 65535) {
    return undefined;
  }
  const hostname = port ? rest.slice(0, -port[0].length) : rest;
  return { protocol, host: rest, hostname: hostname.replace(/^\[|\]$/g, "") };
}

const CONNECTION_KEYS = ["region", "endpoint", "protocol", "profile"] as const;

/** Checks the optional `connection` input shared by every resource. */
export function checkConnection(failures: CheckFailures, value: unknown): void {
  if (value === undefined || value === null || isUnknown(value)) {
    return;
  }
  if (!checkObject(failures, "connection", value)) {
    return;
  }
  checkKnownKeys(failures, "connection", value, CONNECTION_KEYS);

  const { region, endpoint, protocol, profile } = value;
  if (checkString(failures, "connection.region", region) && typeof region === "string") {
    if (!isUnknown(region) && !REGION_PATTERN.test(region)) {
      failures.add(
        "connection.region",
        `connection.region is ${describeValue(region)}, which is not a region id; ` +
          'use one such as "cn-beijing" or "ap-southeast-1"',
      );
    } else if (!isUnknown(region) && !KNOWN_REGIONS.includes(region)) {
      failures.add(
        "connection.region",
        `connection.region is ${describeValue(region)}, which has no documented Bailian ` +
          'endpoint; use "cn-beijing" or "ap-southeast-1", or set connection.endpoint instead',
      );
    }
  }
  if (checkString(failures, "connection.endpoint", endpoint) && typeof endpoint === "string") {
    if (!isUnknown(endpoint) && parseEndpoint(endpoint) === undefined) {
      failures.add(
        "connection.endpoint",
        `connection.endpoint is ${describeValue(endpoint)}; use a host with an optional port ` +
          '("bailian.cn-beijing.aliyuncs.com", "127.0.0.1:8089") or an http(s) URL with no path',
      );
    }
  }
  checkEnum(failures, "connection.protocol", protocol, ["http", "https"]);
  checkString(failures, "connection.profile", profile, { maxLength: 128 });
}
