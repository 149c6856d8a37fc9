// Input comparison shared by the resource providers' `diff` methods.
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../config";
import { connectionTarget } from "./connection";

/** Inputs that force a replacement, and inputs that change in place. */
export interface DiffRules {
  /** Inputs that the service fixes at creation: a change replaces the resource. */
  replaceKeys: readonly string[];
  /** Inputs that change in place. */
  updateKeys: readonly string[];
  /** Whether the old resource must go before the new one exists, e.g. because names collide. */
  deleteBeforeReplace?: (olds: Record<string, unknown>, news: Record<string, unknown>) => boolean;
}

/** Compares plain JSON values; objects compare by their keys, ignoring undefined fields. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) =>
      sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    );
  }
  return false;
}

/**
 * Compares old state with new inputs. `__provider` is never compared, so a new provider text
 * alone changes nothing. A new endpoint or region in `connection` replaces the resource, because
 * the object lives in that service. A new profile or protocol is an update.
 */
export function diffInputs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  rules: DiffRules,
): pulumi.dynamic.DiffResult {
  const replaces = rules.replaceKeys.filter((key) => !sameValue(olds[key], news[key]));
  const updates = rules.updateKeys.filter((key) => !sameValue(olds[key], news[key]));

  const oldConnection = olds.connection as ConnectionInputs | undefined;
  const newConnection = news.connection as ConnectionInputs | undefined;
  if (connectionTarget(oldConnection) !== connectionTarget(newConnection)) {
    replaces.push("connection");
  } else if (!sameValue(oldConnection, newConnection)) {
    updates.push("connection");
  }

  if (replaces.length > 0) {
    return {
      changes: true,
      replaces,
      deleteBeforeReplace: rules.deleteBeforeReplace?.(olds, news) ?? false,
    };
  }
  return { changes: updates.length > 0 };
}

/** Returns a copy without the undefined fields, so stored inputs carry none. */
export function pickDefined<T extends object>(source: T): T {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined)) as T;
}
