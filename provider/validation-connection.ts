// Checks of the `connection` input that every resource accepts: a region with a documented
// Bailian endpoint, or an endpoint given as host[:port] or an http(s) URL without a path, and
// the protocol.
import {
  CheckFailures,
  checkEnum,
  checkKnownKeys,
  checkObject,
  checkString,
  isUnknown,
} from "./validation";
import { endpointForRegion, resolveConnectionSettings } from "./client/connection";
import { BailianInputError } from "./client/errors";

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
  if (checkString(failures, "connection.region", region) && isKnownString(region)) {
    addClientFailure(failures, () => endpointForRegion(region));
  }
  if (checkString(failures, "connection.endpoint", endpoint) && isKnownString(endpoint)) {
    // The protocol is checked below on its own, so only the endpoint's own form is judged here.
    const knownProtocol = protocol === "http" || protocol === "https" ? protocol : undefined;
    addClientFailure(failures, () =>
      resolveConnectionSettings({ endpoint, protocol: knownProtocol }),
    );
  }
  checkEnum(failures, "connection.protocol", protocol, ["http", "https"]);
  checkString(failures, "connection.profile", profile, { maxLength: 128 });
}

function isKnownString(value: unknown): value is string {
  return typeof value === "string" && value !== "" && !isUnknown(value);
}

/**
 * Runs the client's own check of a connection setting, so that `check` and the client accept
 * exactly the same regions and endpoints, and records its rejection as a failure.
 */
function addClientFailure(failures: CheckFailures, resolve: () => unknown): void {
  try {
    resolve();
  } catch (error) {
    if (!(error instanceof BailianInputError)) {
      throw error;
    }
    const property = `connection.${error.property}`;
    // The client's message names the setting by its own name ("region"); the failure names it
    // by the input's path ("connection.region"), as every check failure does.
    const reason = error.message
      .replace(new RegExp(`\\b${error.property}\\b`, "i"), property)
      .replace(/\.$/, "");
    failures.add(property, reason);
  }
}
