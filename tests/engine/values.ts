// Property values as they travel between the SDK, the engine and the plugin: the secret
// wrapper, the unknown sentinel, and the conversions to and from protobuf `Struct`.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { isDeepStrictEqual } from "node:util";

/** Key whose value marks an object as a special Pulumi value (secret, asset, resource). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Signature value of a secret wrapper `{[SPECIAL_SIG_KEY]: SECRET_SIG, value}`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** String the SDK sends during a preview for a value that is not known yet. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type PropertyMap = Record<string, unknown>;

export function structToObject(struct: Struct | undefined): PropertyMap {
  return struct ? (struct.toJavaScript() as PropertyMap) : {};
}

export function objectToStruct(value: PropertyMap): Struct {
  // Struct.fromJavaScript rejects `undefined`, so drop such keys first.
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

export function isSecretWrapper(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG
  );
}

export function wrapSecret(value: unknown): PropertyMap {
  return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

/** Removes every secret wrapper, at any depth, and returns the plain value. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretWrapper(value)) {
    return unwrapSecrets(value.value);
  }
  if (Array.isArray(value)) {
    return value.map(unwrapSecrets);
  }
  if (typeof value === "object" && value !== null) {
    const result: PropertyMap = {};
    for (const [key, item] of Object.entries(value)) {
      result[key] = unwrapSecrets(item);
    }
    return result;
  }
  return value;
}

export function containsSecret(value: unknown): boolean {
  if (isSecretWrapper(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(containsSecret);
  }
  if (typeof value === "object" && value !== null) {
    return Object.values(value).some(containsSecret);
  }
  return false;
}

/** Returns the top-level keys whose values are secret or contain a secret. */
export function secretKeysOf(properties: PropertyMap): string[] {
  return Object.keys(properties).filter((key) => containsSecret(properties[key]));
}

/** Wraps the given top-level keys of a plain property map as secrets. */
export function markSecretKeys(properties: PropertyMap, keys: Iterable<string>): PropertyMap {
  const result: PropertyMap = { ...properties };
  for (const key of keys) {
    if (key in result && !isSecretWrapper(result[key])) {
      result[key] = wrapSecret(result[key]);
    }
  }
  return result;
}

/** Returns the top-level keys whose values differ between two plain property maps. */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((key) => !isDeepStrictEqual(olds[key], news[key]));
}

/** Collects every string inside secret wrappers, so log lines can be redacted. */
export function collectSecretStrings(value: unknown, into: Set<string>, inSecret = false): void {
  if (isSecretWrapper(value)) {
    collectSecretStrings(value.value, into, true);
  } else if (typeof value === "string") {
    if (inSecret && value.length > 0) {
      into.add(value);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item) => collectSecretStrings(item, into, inSecret));
  } else if (typeof value === "object" && value !== null) {
    Object.values(value).forEach((item) => collectSecretStrings(item, into, inSecret));
  } else if (inSecret && value !== null && value !== undefined) {
    into.add(String(value));
  }
}
