// Decides the step for one custom resource: Check the program's inputs, then Diff them against
// the stored state through the plugin, diffing the inputs here when the plugin cannot tell.
import type { Registration } from "./monitor";
import type { ProviderPlugin } from "./plugin";
import type { StepOp, StoredResource } from "./types";
import { type PropertyMap, changedKeys, secretKeysOf, unwrapSecrets } from "./values";

export interface CustomStepPlan {
  op: Extract<StepOp, "create" | "update" | "replace" | "same">;
  /** Checked inputs, plain (secrets unwrapped). */
  inputs: PropertyMap;
  /** Top-level input keys that were secret in the program. */
  secretInputKeys: string[];
  deleteBeforeReplace: boolean;
}

export async function planCustomStep(
  plugin: ProviderPlugin,
  urn: string,
  registration: Registration,
  old: StoredResource | undefined,
): Promise<CustomStepPlan> {
  const secretInputKeys = secretKeysOf(registration.inputs);
  const oldInputs = old ? (unwrapSecrets(old.inputs) as PropertyMap) : {};
  const news = applyIgnoreChanges(
    unwrapSecrets(registration.inputs) as PropertyMap,
    oldInputs,
    old ? registration.ignoreChanges : [],
  );

  const checked = await withContext(`check of ${urn}`, plugin.check(urn, oldInputs, news));
  if (checked.failures.length > 0) {
    const reasons = checked.failures.map((f) =>
      f.property ? `${f.property}: ${f.reason}` : f.reason,
    );
    throw new Error(`invalid inputs for ${urn}: ${reasons.join("; ")}`);
  }
  const plan: CustomStepPlan = {
    op: "create",
    inputs: checked.inputs,
    secretInputKeys,
    deleteBeforeReplace: false,
  };
  if (!old?.id) {
    return plan;
  }

  const oldOutputs = unwrapSecrets(old.outputs) as PropertyMap;
  const diff = await withContext(
    `diff of ${urn}`,
    plugin.diff(urn, old.id, oldOutputs, checked.inputs, oldInputs),
  );
  const changed = changedKeys(oldInputs, checked.inputs);
  const hasChanges = diff.changes === "unknown" ? changed.length > 0 : diff.changes === "some";
  const replaces = [
    ...diff.replaces,
    ...changed.filter(
      (key) =>
        registration.replaceOnChanges.includes(key) || registration.replaceOnChanges.includes("*"),
    ),
  ];
  if (replaces.length > 0) {
    plan.op = "replace";
    plan.deleteBeforeReplace = registration.deleteBeforeReplace ?? diff.deleteBeforeReplace;
  } else if (hasChanges || old.initErrors) {
    // A resource that failed to initialize is updated even without changes, so the provider
    // gets another chance to finish it.
    plan.op = "update";
  } else {
    plan.op = "same";
  }
  return plan;
}

/** Prefixes the error of a failed plugin call with the call and the resource. */
async function withContext<T>(call: string, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw new Error(`${call} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Keeps the stored value of each top-level key listed in `ignoreChanges`. */
function applyIgnoreChanges(
  news: PropertyMap,
  olds: PropertyMap,
  ignoreChanges: string[],
): PropertyMap {
  // NOTE: only top-level property names are supported. Nested paths such as "a.b" have no effect.
  const result = { ...news };
  for (const key of ignoreChanges) {
    if (key in olds) {
      result[key] = olds[key];
    } else {
      delete result[key];
    }
  }
  return result;
}
