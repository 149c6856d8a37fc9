// Carries out a planned step of `up` through the plugin: create, update, replace or same.
import type { OperationContext } from "./context";
import { deleteResource } from "./lifecycle";
import { InitFailedError } from "./plugin";
import type { CustomStepPlan } from "./planner";
import type { StoredResource } from "./types";
import { type PropertyMap, markSecretKeys, secretKeysOf, unwrapSecrets } from "./values";

export interface StepOutcome {
  id: string;
  /** Plain outputs (secrets unwrapped), as the provider returned them. */
  outputs: PropertyMap;
}

/**
 * Runs the plugin calls for `plan` and returns the new id and outputs. `record` is the resource
 * as the program registered it. An initialization failure keeps the resource in the state
 * with the id and properties the provider reported, then raises.
 */
export async function executeStep(
  context: OperationContext,
  plan: CustomStepPlan,
  record: StoredResource,
  old: StoredResource | undefined,
): Promise<StepOutcome> {
  try {
    const outcome = await runPluginCalls(context, plan, record, old);
    context.log.write(`[engine] ${plan.op} ${record.urn} finished`);
    return outcome;
  } catch (error) {
    if (error instanceof InitFailedError) {
      keepInitFailure(context, record, plan.inputs, error);
    }
    throw new Error(`${plan.op} of ${record.urn} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function runPluginCalls(
  context: OperationContext,
  plan: CustomStepPlan,
  record: StoredResource,
  old: StoredResource | undefined,
): Promise<StepOutcome> {
  if (old?.id && plan.op === "same") {
    return { id: old.id, outputs: plain(old.outputs) };
  }
  const plugin = await context.provider();
  if (old?.id && plan.op === "update") {
    const { urn } = record;
    const outputs = await plugin.update(
      urn,
      old.id,
      plain(old.outputs),
      plan.inputs,
      plain(old.inputs),
    );
    return { id: old.id, outputs };
  }
  if (old && plan.op === "replace") {
    return await replace(context, plan, record, old);
  }
  return await plugin.create(record.urn, plan.inputs);
}

/**
 * Replaces `old`: delete then create when the plan requests delete-before-replace. Otherwise create
 * the new resource first and keep the old one in the state, marked pending deletion, until its
 * delete has finished.
 */
async function replace(
  context: OperationContext,
  plan: CustomStepPlan,
  record: StoredResource,
  old: StoredResource,
): Promise<StepOutcome> {
  const plugin = await context.provider();
  if (plan.deleteBeforeReplace) {
    await deleteResource(context, old, false);
    return await plugin.create(record.urn, plan.inputs);
  }
  const created = await plugin.create(record.urn, plan.inputs);
  old.pendingDelete = true;
  context.put({
    ...record,
    id: created.id,
    outputs: markSecretKeys(created.outputs, plan.secretInputKeys),
  });
  context.save();
  await deleteResource(context, old, false);
  return created;
}

function keepInitFailure(
  context: OperationContext,
  record: StoredResource,
  inputs: PropertyMap,
  error: InitFailedError,
): void {
  const secretInputKeys = secretKeysOf(record.inputs);
  context.put({
    ...record,
    id: error.id,
    inputs: markSecretKeys(inputs, secretInputKeys),
    outputs: markSecretKeys(error.properties, secretInputKeys),
    secretOutputKeys: secretInputKeys.filter((key) => key in error.properties),
    initErrors: error.reasons.length > 0 ? error.reasons : [error.message],
  });
  context.save();
}

function plain(properties: PropertyMap): PropertyMap {
  return unwrapSecrets(properties) as PropertyMap;
}
