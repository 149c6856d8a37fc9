// A script preloaded (`NODE_OPTIONS=--require=...`) into the program and plugin processes.
import * as fs from "node:fs";
import * as path from "node:path";

/** Set in a child's environment to make the preload exit the child when its stdin closes. */
export const WATCH_STDIN_ENV = "PULUMI_TEST_ENGINE_WATCH_STDIN";

/**
 * Two fixes, in plain JavaScript because Node loads it before anything else:
 *
 * - cmd/run formats every uncaught error with `util.inspect(error, {colors: true})`, which on
 *   Node 20.20 is very slow on stack frames rewritten by the SDK's source maps: a one-line throw
 *   took 44.5 s instead of 0.9 s on the 2-core development machine. The preload turns colours off
 *   for Error values.
 * - The engine keeps the write end of each child's stdin open. If the engine dies, even by
 *   SIGKILL, the child reads end-of-file and exits instead of lingering as an orphan. The variable
 *   is removed at once, so processes the child starts do not inherit the watch.
 */
const PRELOAD_SOURCE = `"use strict";
const util = require("util");
const originalInspect = util.inspect;
function inspectErrorsWithoutColors(value, options, ...rest) {
  if (value instanceof Error && options !== null && typeof options === "object" && options.colors) {
    options = Object.assign({}, options, { colors: false });
  }
  return originalInspect.call(this, value, options, ...rest);
}
Object.defineProperties(inspectErrorsWithoutColors, Object.getOwnPropertyDescriptors(originalInspect));
util.inspect = inspectErrorsWithoutColors;

if (process.env.${WATCH_STDIN_ENV} === "1") {
  delete process.env.${WATCH_STDIN_ENV};
  const exitWithoutEngine = () => process.exit(1);
  process.stdin.on("end", exitWithoutEngine);
  process.stdin.on("error", exitWithoutEngine);
  process.stdin.resume();
  // The watch must not keep the process alive: cmd/run finishes when its event loop is empty.
  process.stdin.unref();
}
`;

/** Writes the preload script into `directory` and returns the NODE_OPTIONS value that loads it. */
export function writePreload(directory: string, existingNodeOptions?: string): string {
  const file = path.join(directory, "preload.js");
  fs.writeFileSync(file, PRELOAD_SOURCE);
  return [existingNodeOptions, `--require=${file}`].filter(Boolean).join(" ");
}
