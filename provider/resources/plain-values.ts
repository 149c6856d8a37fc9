// Protobuf's Struct.fromJavaScript, which the dynamic-provider plugin applies to every result,
// throws "Unexpected struct type." on an undefined value. Results pass through here first.
import type * as pulumi from "@pulumi/pulumi";

/** Returns a copy of a JSON-like value without undefined object fields, at any depth. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(withoutUndefined) as T;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => [key, withoutUndefined(field)]);
    return Object.fromEntries(entries) as T;
  }
  return value;
}

/** Wraps a provider so that the properties it returns never contain undefined values. */
export function withPlainResults(
  provider: pulumi.dynamic.ResourceProvider,
): pulumi.dynamic.ResourceProvider {
  return {
    ...provider,
    async create(inputs) {
      const result = await provider.create(inputs);
      return { ...result, outs: withoutUndefined(result.outs) };
    },
    async read(id, props) {
      const result = await provider.read!(id, props);
      return withoutUndefined(result);
    },
    async update(id, olds, news) {
      const result = await provider.update!(id, olds, news);
      return { ...result, outs: withoutUndefined(result.outs) };
    },
  };
}
