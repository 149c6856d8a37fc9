// A small Pulumi engine for tests: runs a program with @pulumi/pulumi's cmd/run and the real
// dynamic-provider plugin, without the Pulumi CLI.
export { TestEngine } from "./engine";
export type { OperationOptions } from "./engine";
export type {
  OperationResult,
  ResourceSummary,
  StackOptions,
  StackState,
  Step,
  StepOp,
  StoredResource,
} from "./types";
export { UNKNOWN_VALUE } from "./values";
