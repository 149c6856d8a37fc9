import * as pulumi from "@pulumi/pulumi";

/** Resource kinds whose implementation lives in `pulumi-bailian/provider`. */
export type ResourceKind =
  "IndexJob" | "KnowledgeBase" | "Category" | "DataCenterFile" | "RetrievalCheck";

/**
 * Creates the provider object that Pulumi serializes into each resource's `__provider` property.
 *
 * The object captures nothing but the resource kind: every method loads the implementation by
 * package name when the dynamic-provider plugin calls it. The serialized text therefore stays a
 * few kilobytes, contains no client and no credentials, and does not change when the implementation
 * does, so existing resources are read, updated and deleted by the installed version.
 */
export function thinProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const load = (): pulumi.dynamic.ResourceProvider => {
    // The plugin evaluates this text as a module without a file name, so a bare require() could
    // not use Node's self-reference. A require() rooted in the program's folder (the plugin's
    // working directory) finds the package in that project's node_modules, or by self-reference
    // when the program lives inside this package, as its examples do.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeModule = require("node:module") as typeof import("node:module");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodePath = require("node:path") as typeof import("node:path");
    const requireFromProgram = nodeModule.createRequire(nodePath.join(process.cwd(), "index.js"));
    return requireFromProgram("pulumi-bailian/provider").implementation(kind);
  };

  return {
    async configure(request) {
      return load().configure?.(request);
    },
    async check(olds, news) {
      return load().check!(olds, news);
    },
    async diff(id, olds, news) {
      return load().diff!(id, olds, news);
    },
    async create(inputs) {
      return load().create(inputs);
    },
    async read(id, props) {
      return load().read!(id, props);
    },
    async update(id, olds, news) {
      return load().update!(id, olds, news);
    },
    async delete(id, props) {
      return load().delete!(id, props);
    },
  };
}
