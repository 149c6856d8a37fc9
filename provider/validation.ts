// Input checks shared by the resource providers. Each check appends at most one failure per
// property, naming the value and the fix, and sends no request. A value that is still unknown
// during a preview (the engine's sentinel string) is skipped, because it cannot be checked yet.
import type * as pulumi from "@pulumi/pulumi";

// Loopback detection belongs to the client, which also decides where requests go.
export { isLoopbackEndpoint } from "./client/connection";
export { checkConnection } from "./validation-connection";

/** The string the engine sends in place of a value that is not known yet during a preview. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Characters an id may contain: the API client cannot sign other characters in a path. */
export const ID_PATTERN = /^[A-Za-z0-9._~-]+$/;

/** Reports whether a value is the preview sentinel for "not known yet". */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

/** Reports whether a value is the preview sentinel or contains it inside arrays or objects. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(containsUnknown);
  }
  if (value !== null && typeof value === "object") {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/** Renders a value for an error message: strings quoted, everything else as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  }
  if (value === undefined) {
    return "undefined";
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Collects check failures, one per property. */
export class CheckFailures {
  readonly failures: pulumi.dynamic.CheckFailure[] = [];

  add(property: string, reason: string): void {
    if (!this.failures.some((failure) => failure.property === property)) {
      this.failures.push({ property, reason });
    }
  }

  get empty(): boolean {
    return this.failures.length === 0;
  }
}

export interface StringRule {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  /** Describes the pattern for the error message, e.g. "letters, digits and . _ ~ -". */
  patternText?: string;
}

/** Checks an optional or required string; returns true when the value is usable or unknown. */
export function checkString(
  failures: CheckFailures,
  property: string,
  value: unknown,
  rule: StringRule = {},
): boolean {
  if (value === undefined || value === null) {
    if (rule.required) {
      failures.add(property, `${property} is missing; set it to a non-empty string`);
      return false;
    }
    return true;
  }
  if (isUnknown(value)) {
    return true;
  }
  if (typeof value !== "string") {
    failures.add(property, `${property} is ${describeValue(value)}; set it to a string`);
    return false;
  }
  const minLength = rule.minLength ?? (rule.required ? 1 : 0);
  const maxLength = rule.maxLength ?? Number.POSITIVE_INFINITY;
  if (value.length < minLength || value.length > maxLength) {
    const bounds =
      maxLength === Number.POSITIVE_INFINITY
        ? `at least ${minLength} characters`
        : `${minLength} to ${maxLength} characters`;
    failures.add(
      property,
      `${property} is ${describeValue(value)} (${value.length} characters); use ${bounds}`,
    );
    return false;
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    const allowed = rule.patternText ?? `the pattern ${rule.pattern.source}`;
    failures.add(property, `${property} is ${describeValue(value)}; use only ${allowed}`);
    return false;
  }
  return true;
}

/** Checks an id made of the characters the API client can sign. */
export function checkId(
  failures: CheckFailures,
  property: string,
  value: unknown,
  required = true,
): boolean {
  return checkString(failures, property, value, {
    required,
    minLength: 1,
    maxLength: 256,
    pattern: ID_PATTERN,
    patternText: "letters, digits and the characters . _ ~ -",
  });
}

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** Text appended to a range failure, explaining the bound. */
  because?: string;
}

/** Checks an optional number within a range; returns true when usable, absent or unknown. */
export function checkNumber(
  failures: CheckFailures,
  property: string,
  value: unknown,
  rule: NumberRule,
): boolean {
  if (value === undefined || value === null || isUnknown(value)) {
    return true;
  }
  const kind = rule.integer ? "a whole number" : "a number";
  if (typeof value !== "number" || !Number.isFinite(value)) {
    failures.add(
      property,
      `${property} is ${describeValue(value)}; set it to ${kind} from ${rule.min} to ${rule.max}`,
    );
    return false;
  }
  if (rule.integer && !Number.isInteger(value)) {
    failures.add(property, `${property} is ${value}; set it to ${kind}`);
    return false;
  }
  if (value < rule.min || value > rule.max) {
    const range = `${rule.min} to ${rule.max}`;
    const reason = rule.because
      ? `${property} is ${value}; ${rule.because}, so set ${range}`
      : `${property} is ${value}; set ${range}`;
    failures.add(property, reason);
    return false;
  }
  return true;
}

/** Checks an optional boolean. */
export function checkBoolean(failures: CheckFailures, property: string, value: unknown): boolean {
  if (value === undefined || value === null || isUnknown(value) || typeof value === "boolean") {
    return true;
  }
  failures.add(property, `${property} is ${describeValue(value)}; set it to true or false`);
  return false;
}

/** Checks an optional value that must be one of a fixed set of strings. */
export function checkEnum(
  failures: CheckFailures,
  property: string,
  value: unknown,
  allowed: readonly string[],
  required = false,
): boolean {
  if (value === undefined || value === null) {
    if (required) {
      failures.add(property, `${property} is missing; set one of ${allowed.join(", ")}`);
      return false;
    }
    return true;
  }
  if (isUnknown(value) || (typeof value === "string" && allowed.includes(value))) {
    return true;
  }
  failures.add(
    property,
    `${property} is ${describeValue(value)}; use one of ${allowed.join(", ")}`,
  );
  return false;
}

/** Checks a plain object; returns false (with a failure) for any other type. */
export function checkObject(
  failures: CheckFailures,
  property: string,
  value: unknown,
): value is Record<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return true;
  }
  failures.add(property, `${property} is ${describeValue(value)}; set it to an object`);
  return false;
}

/** Checks that an object has no property outside `known`, which usually means a typo. */
export function checkKnownKeys(
  failures: CheckFailures,
  property: string,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      failures.add(
        `${property}.${key}`,
        `${property}.${key} is not a known property; use one of ${known.join(", ")}`,
      );
    }
  }
}
