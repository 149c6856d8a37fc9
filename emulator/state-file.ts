import { readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import type { EmulatorState } from "./model";

/** Reads a state file; returns undefined when it does not exist yet. */
export function readStateFile(path: string): EmulatorState | undefined {
  if (!existsSync(path)) {
    return undefined;
  }
  const text = readFileSync(path, "utf8");
  let state: EmulatorState;
  try {
    state = JSON.parse(text) as EmulatorState;
  } catch (error) {
    throw new Error(
      `Emulator state file ${path} is not valid JSON (${(error as Error).message}); delete it or point stateFile at another path.`,
      { cause: error },
    );
  }
  if (state.version !== 1) {
    throw new Error(
      `Emulator state file ${path} has version ${String(state.version)}, expected 1; delete it to start empty.`,
    );
  }
  return state;
}

/** Writes the state atomically: a temporary file next to the target, then a rename over it. */
export function writeStateFile(path: string, state: EmulatorState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}
