import * as pulumi from "@pulumi/pulumi";
import { storeProviderConfig } from "./config";

type Implementation = pulumi.dynamic.ResourceProvider;

const implementations = new Map<string, Implementation>();

/** Registers the implementation of one resource kind; each kind's module calls this once. */
export function registerImplementation(kind: string, implementation: Implementation): void {
  implementations.set(kind, {
    ...implementation,
    // Every kind shares one provider configuration, taken from whichever kind is configured.
    async configure(request) {
      storeProviderConfig(request);
      await implementation.configure?.(request);
    },
  });
}

/** Returns the implementation of a resource kind, as the serialized thin provider asks for it. */
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
