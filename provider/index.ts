// Entry point loaded by the dynamic-provider plugin (`require("pulumi-bailian/provider")`).
// Each resource kind's module registers its implementation when imported here.
import "./resources/register";
import "./index-job/register";

export { implementation } from "./registry";
export { resolveConnection, CONFIG_KEYS } from "./config";
export type { ConnectionInputs } from "./config";
export * from "./client";
