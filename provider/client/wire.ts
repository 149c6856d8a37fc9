// Request encoding shared by the operations: path templates, wire parameter values and the
// required-field check, all applied before anything is sent.
import OpenApiUtil from "@alicloud/openapi-util";
import { BailianInputError } from "./errors";

/**
 * Characters a path id may contain. The SDK signs a path exactly as given, and Node sends some
 * other characters (such as `'`) percent-encoded, so such a request would fail its signature.
 */
export const PATH_ID_PATTERN = /^[A-Za-z0-9._~-]+$/;

/**
 * Fills a path template such as `/{WorkspaceId}/datacenter/file/{FileId}/` with percent-encoded
 * values, rejecting any value outside PATH_ID_PATTERN.
 */
export function fillPath(
  operation: string,
  template: string,
  values: Record<string, string>,
): string {
  return template.replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
    const value: unknown = values[name];
    if (typeof value !== "string" || !PATH_ID_PATTERN.test(value)) {
      throw new BailianInputError(
        name,
        `${operation}: invalid ${name} ${describe(value)}: an id may contain only letters, ` +
          "digits and . _ ~ - (for example llm-abc123 or file_0123).",
      );
    }
    return OpenApiUtil.getEncodeParam(value);
  });
}

/**
 * Converts a request object into wire parameters. Arrays and objects become JSON text, as the API
 * expects list parameters, except the fields in `commaJoined`, which are sent as `a,b`. Undefined
 * and null fields are left out; numbers and booleans are left for the SDK to stringify.
 */
export function toWireParameters(
  request: object,
  commaJoined: readonly string[] = [],
): Record<string, string | number | boolean> {
  const wire: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(request)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (Array.isArray(value) && commaJoined.includes(name)) {
      wire[name] = value.map(String).join(",");
    } else if (typeof value === "object") {
      wire[name] = JSON.stringify(value);
    } else {
      wire[name] = value as string | number | boolean;
    }
  }
  return wire;
}

/** Builds the query map the SDK signs; lists must already be JSON text (see toWireParameters). */
export function toQuery(request: object, commaJoined?: readonly string[]): Record<string, string> {
  return OpenApiUtil.query(toWireParameters(request, commaJoined));
}

/** Rejects a request whose required fields are missing, empty strings or empty lists. */
export function requireFields(operation: string, request: object, fields: readonly string[]): void {
  const values = request as Record<string, unknown>;
  for (const field of fields) {
    const value = values[field];
    const missing =
      value === undefined ||
      value === null ||
      value === "" ||
      (Array.isArray(value) && value.length === 0);
    if (missing) {
      throw new BailianInputError(
        field,
        `${operation}: ${field} is required but was ${describe(value)}; set it in the request.`,
      );
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) {
    return "undefined";
  }
  return JSON.stringify(value) ?? String(value);
}
