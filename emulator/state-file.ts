import {
  accessSync,
  constants,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import type { Stats } from "node:fs";
import { dirname, join, sep } from "node:path";
import type { EmulatorState } from "./model";

/**
 * Checks that a state file path can be read and written: it is not a directory, and its parent
 * directory exists and is writable. Returns the problem as a phrase to put after the path, or
 * undefined when the path is usable.
 */
export function findStateFileProblem(path: string): string | undefined {
  if (path === "") {
    return "is empty; give a file path such as ./bailian-state.json";
  }
  if (path.endsWith("/") || path.endsWith(sep)) {
    return "ends with a path separator, so it names a directory; give a file path such as state.json inside it";
  }
  const target = statOrUndefined(path);
  if (target?.isDirectory()) {
    return `is a directory; give a file path inside it, such as ${join(path, "bailian-state.json")}`;
  }
  if (target && !target.isFile()) {
    return "exists but is not a regular file; give a path to a JSON file";
  }

  const directory = dirname(path);
  const parent = statOrUndefined(directory);
  if (!parent) {
    return `is in the directory ${directory}, which does not exist; create the directory first or use a path in an existing directory`;
  }
  if (!parent.isDirectory()) {
    return `is in ${directory}, which is not a directory; use a path in an existing directory`;
  }
  // NOTE: root passes this check whatever the permission bits, and then the first save fails.
  try {
    accessSync(directory, constants.W_OK);
  } catch {
    return `is in the directory ${directory}, which is not writable; use a path in a directory you can write to`;
  }
  return undefined;
}

/** Reads a state file; returns undefined when it does not exist yet. */
export function readStateFile(path: string): EmulatorState | undefined {
  const problem = findStateFileProblem(path);
  if (problem) {
    throw new Error(`Emulator stateFile ${path} ${problem}.`);
  }
  if (!statOrUndefined(path)) {
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
  try {
    // Owner-only, because the file contains the emulator's AccessKey secret.
    writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    // The message names the state file, not the temporary file the failed call reported.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(
      `Emulator could not write the state file ${path} (${code}); check that its directory still exists and is writable.`,
      { cause: error },
    );
  }
}

/** Returns the file status, or undefined when the path or one of its directories does not exist. */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return undefined;
    }
    throw error;
  }
}
