// Operations on resources already in the state: delete (in dependency order), refresh and destroy.
import type { OperationContext } from "./context";
import type { StoredResource } from "./types";
import { type PropertyMap, markSecretKeys, secretKeysOf, unwrapSecrets } from "./values";

/** Deletes one resource through the plugin (custom resources only) and drops it from the state. */
export async function deleteResource(
  context: OperationContext,
  resource: StoredResource,
  recordStep = true,
): Promise<void> {
  if (recordStep) {
    context.recordStep(resource.urn, "delete");
  }
  if (resource.custom && resource.id && !resource.external) {
    const plugin = await context.provider();
    try {
      await plugin.delete(
        resource.urn,
        resource.id,
        plain(resource.outputs),
        plain(resource.inputs),
      );
    } catch (error) {
      throw new Error(`delete of ${resource.urn} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    context.log.write(`[engine] delete ${resource.urn} finished`);
  }
  context.remove(resource);
  context.save();
}

/**
 * Orders resources so that each one comes before everything it depends on (dependencies,
 * property dependencies and parent), which is the order to delete them in.
 */
export function deletionOrder(resources: StoredResource[]): StoredResource[] {
  const byUrn = new Map<string, StoredResource[]>();
  for (const resource of resources) {
    byUrn.set(resource.urn, [...(byUrn.get(resource.urn) ?? []), resource]);
  }
  const visited = new Set<StoredResource>();
  const creationOrder: StoredResource[] = [];
  const visit = (resource: StoredResource): void => {
    if (visited.has(resource)) {
      return;
    }
    visited.add(resource);
    for (const urn of dependenciesOf(resource)) {
      (byUrn.get(urn) ?? []).forEach(visit);
    }
    creationOrder.push(resource);
  };
  resources.forEach(visit);
  return creationOrder.reverse();
}

function dependenciesOf(resource: StoredResource): string[] {
  const urns = [
    ...resource.dependencies,
    ...Object.values(resource.propertyDependencies ?? {}).flat(),
  ];
  if (resource.parent) {
    urns.push(resource.parent);
  }
  return urns.filter((urn) => urn !== resource.urn);
}

/** Reads every custom resource through the plugin and stores what comes back. */
export async function refreshAll(context: OperationContext): Promise<void> {
  for (const resource of [...context.state.resources]) {
    if (!resource.custom || !resource.id || resource.pendingDelete) {
      continue;
    }
    const plugin = await context.provider();
    let read;
    try {
      read = await plugin.read(
        resource.urn,
        resource.id,
        plain(resource.outputs),
        plain(resource.inputs),
      );
    } catch (error) {
      throw new Error(`read of ${resource.urn} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!read.id) {
      context.recordStep(resource.urn, "delete");
      context.remove(resource);
    } else {
      const inputs = read.inputs
        ? markSecretKeys(read.inputs, secretKeysOf(resource.inputs))
        : resource.inputs;
      context.recordStep(resource.urn, "refresh");
      context.put({
        ...resource,
        id: read.id,
        inputs,
        outputs: markSecretKeys(read.outputs, resource.secretOutputKeys),
      });
    }
    context.save();
  }
}

/** Deletes every resource, dependents first, and leaves the state empty. */
export async function destroyAll(context: OperationContext): Promise<void> {
  for (const resource of deletionOrder([...context.state.resources])) {
    await deleteResource(context, resource);
  }
  context.state.resources = [];
  context.save();
}

function plain(properties: PropertyMap): PropertyMap {
  return unwrapSecrets(properties) as PropertyMap;
}
