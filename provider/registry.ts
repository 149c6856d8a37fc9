import * as pulumi from "@pulumi/pulumi";
import { storeProviderConfig } from "./config";

type Implementation = pulumi.dynamic.ResourceProvider;

const implementations = new Map<string, Implementation>();

/** The property from which the dynamic-provider plugin loads the serialized provider. */
const PROVIDER_KEY = "__provider";

/**
 * Rethrows an error of `create` or `update`, adding the serialized provider from `inputs` when the
 * error keeps the resource (it carries `id` and `properties`). The plugin sends those properties
 * unchanged, the engine records them as the resource's outputs, and a later refresh or delete
 * loads the provider from the outputs, so without it both fail.
 */
function rethrowWithProvider(error: unknown, inputs: Record<string, unknown>): never {
  const resourceError = error as { id?: unknown; properties?: Record<string, unknown> } | null;
  if (resourceError?.id && inputs[PROVIDER_KEY] !== undefined) {
    resourceError.properties = {
      ...resourceError.properties,
      [PROVIDER_KEY]: inputs[PROVIDER_KEY],
    };
  }
  throw error;
}

/** Registers the implementation of one resource kind; each kind's module calls this once. */
export function registerImplementation(kind: string, implementation: Implementation): void {
  implementations.set(kind, {
    ...implementation,
    create: (inputs) =>
      implementation.create(inputs).catch((error) => rethrowWithProvider(error, inputs)),
    update: implementation.update
      ? (id, olds, news) =>
          implementation.update!(id, olds, news).catch((error) => rethrowWithProvider(error, news))
      : undefined,
    // Every kind shares one provider configuration, taken from whichever kind is configured.
    async configure(request) {
      storeProviderConfig(request);
      await implementation.configure?.(request);
    },
  });
}

/** Returns the implementation of a resource kind, as the serialized thin provider requests it. */
export function implementation(kind: string): Implementation {
  const found = implementations.get(kind);
  if (!found) {
    const known = [...implementations.keys()].join(", ");
    throw new Error(
      `pulumi-bailian has no provider for resource kind "${kind}" (known: ${known}); ` +
        "install the same or a newer pulumi-bailian version than the one that created the resource.",
    );
  }
  return found;
}
