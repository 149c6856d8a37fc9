export { waitFor, type WaitSteps } from "./wait";
export type { Decision, WaitOutcome } from "./outcome";
export { validateWaiterOptions, type WaiterOptions } from "./options";
