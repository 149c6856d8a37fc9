// Public entry point: `import * as bailian from "pulumi-bailian"`.
export type { ConnectionInputs as ConnectionArgs } from "../provider/config";
export * from "./knowledge-base";
export * from "./category";
export * from "./data-center-file";
export * from "./data-center-folder";
export * from "./retrieval-check";
export * from "./index-job";
