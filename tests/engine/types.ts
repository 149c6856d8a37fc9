// Public types of the test engine and the layout of its state file.
import type { PropertyMap } from "./values";

export interface StackOptions {
  /**
   * Folder of the Pulumi program. The entry point is Pulumi.yaml's `main` if the folder has one,
   * else the folder's package.json, else its index.js or index.ts.
   */
  programDir: string;
  /** Project name. Defaults to Pulumi.yaml's `name`, else the folder name. */
  project?: string;
  /** Stack name. Defaults to "test". */
  stack?: string;
  /** Path of the JSON state file, created on the first operation. */
  stateFile: string;
  /** Plain stack configuration, keys "namespace:key". */
  config?: Record<string, string>;
  /** Secret stack configuration, keys "namespace:key". */
  secretConfig?: Record<string, string>;
  /** Extra environment variables for the program and the plugin. */
  env?: Record<string, string>;
  /** Receives each log line as it is written (already redacted). */
  log?: (line: string) => void;
}

export type StepOp = "create" | "update" | "same" | "delete" | "replace" | "read" | "refresh";

export interface Step {
  urn: string;
  op: StepOp;
}

export interface ResourceSummary {
  urn: string;
  type: string;
  name: string;
  /** Provider-assigned id, absent for components and the stack. */
  id?: string;
  custom: boolean;
  /** Outputs with secrets unwrapped, so tests can read them. `secretKeys` lists the secret ones. */
  outputs: PropertyMap;
  secretKeys: string[];
}

export interface OperationResult {
  ok: boolean;
  error?: string;
  /** Stack outputs with secrets unwrapped. */
  outputs: Record<string, unknown>;
  resources: ResourceSummary[];
  steps: Step[];
  log: string[];
}

/** One resource in the state file. Secret values are stored encrypted (see state.ts). */
export interface StoredResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  id?: string;
  parent?: string;
  /** Provider reference "providerUrn::providerId", set on custom resources only. */
  provider?: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  dependencies: string[];
  propertyDependencies?: Record<string, string[]>;
  /** Top-level output keys that are secret. */
  secretOutputKeys: string[];
  /** Reasons of an initialization failure. The next `up` updates the resource. */
  initErrors?: string[];
  /** Read with `Resource.get`: the engine drops it from the state but never deletes it. */
  external?: boolean;
  /** Left over from a create-before-delete replacement. The next `up` deletes it. */
  pendingDelete?: boolean;
}

export interface StackState {
  version: 1;
  project: string;
  stack: string;
  resources: StoredResource[];
}
