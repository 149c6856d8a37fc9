#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import { findStateFileProblem } from "./state-file";
import type { Emulator, EmulatorOptions } from "./types";

const USAGE = `Usage: bailian-emulator [options]

Starts a local emulator of the Bailian (Model Studio) knowledge-base API on 127.0.0.1 and
prints the environment variables that point a client at it.

Options:
  --port N                 TCP port to listen on (default 8089; 0 picks a free port)
  --state FILE             JSON file that keeps indices, files, jobs and the AccessKey pair
                           across restarts; its directory must exist
  --time-scale X           simulated seconds per real second (default 1; at 60 a 5 min job takes 5 s)
  --access-key-id ID       AccessKey id to accept (default: generated)
  --access-key-secret S    AccessKey secret to accept (default: generated)
  --workspace-id ID        workspace id (default: generated, or the first one in the state file)
  --no-rate-limits         turn off the per-operation rate limits
  --help                   show this help
`;

/** Raised for a bad command line; the message names the flag, the value and the fix. */
class UsageError extends Error {}

const OPTIONS = {
  port: { type: "string" },
  state: { type: "string" },
  "time-scale": { type: "string" },
  "access-key-id": { type: "string" },
  "access-key-secret": { type: "string" },
  "workspace-id": { type: "string" },
  "no-rate-limits": { type: "boolean" },
  help: { type: "boolean" },
} as const;

/** Example value per flag that takes one, shown when the value is missing. */
const EXAMPLE_VALUES = new Map([
  ["port", "8089"],
  ["state", "./bailian-state.json"],
  ["time-scale", "60"],
  ["access-key-id", "LTAIlocal"],
  ["access-key-secret", "local-secret"],
  ["workspace-id", "llm-local"],
]);

export function parseCommandLine(argv: string[]): EmulatorOptions | "help" {
  const args = attachValues(argv);
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\.$/, "")}. Run bailian-emulator --help for the options.`,
    );
  }

  const values = parsed.values;
  if (values.help) {
    return "help";
  }

  const port = values.port === undefined ? 8089 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? "0") || port > 65535) {
    throw new UsageError(
      `--port ${shown(values.port)} is invalid; use a whole number from 0 to 65535 (0 picks a free port).`,
    );
  }

  const scaleText = values["time-scale"];
  const timeScale = scaleText === undefined ? 1 : Number(scaleText);
  if (
    !/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(scaleText ?? "1") ||
    !(timeScale > 0) ||
    !Number.isFinite(timeScale)
  ) {
    throw new UsageError(
      `--time-scale ${shown(scaleText)} is invalid; use a number greater than 0, such as 1 or 60.`,
    );
  }

  const workspaceId = values["workspace-id"];
  if (workspaceId !== undefined && !/^[A-Za-z0-9._~-]+$/.test(workspaceId)) {
    throw new UsageError(
      `--workspace-id ${shown(workspaceId)} is invalid; use letters, digits, ., _, ~ or -.`,
    );
  }
  if ((values["access-key-id"] === undefined) !== (values["access-key-secret"] === undefined)) {
    throw new UsageError(
      "--access-key-id and --access-key-secret must be given together; pass both or neither.",
    );
  }

  const stateProblem = values.state === undefined ? undefined : findStateFileProblem(values.state);
  if (stateProblem) {
    throw new UsageError(`--state ${shown(values.state)} ${stateProblem}.`);
  }

  return {
    port,
    stateFile: values.state,
    timeScale,
    accessKeyId: values["access-key-id"],
    accessKeySecret: values["access-key-secret"],
    workspaceId,
    rateLimits: !values["no-rate-limits"],
  };
}

/**
 * Joins each flag that takes a value with the token after it (`--port -1` becomes `--port=-1`).
 * parseArgs rejects a value that starts with a dash as ambiguous, which would hide the range
 * check. A missing value, at the end or before another `--` flag, raises a UsageError.
 */
function attachValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "--") {
      joined.push(...argv.slice(i));
      break;
    }
    const name = token.slice(2);
    const example = token.startsWith("--") ? EXAMPLE_VALUES.get(name) : undefined;
    if (example === undefined) {
      joined.push(token);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) {
      throw new UsageError(`--${name} needs a value, such as --${name} ${example}.`);
    }
    joined.push(`--${name}=${value}`);
    i++;
  }
  return joined;
}

/** Quotes an empty value so the message still shows it. */
function shown(value: string | undefined): string {
  return value === "" ? '""' : String(value);
}

/** Output streams of the CLI; tests pass their own. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Runs the CLI: returns the exit code when it stops at once (help, bad flags) or the running
 * emulator after printing its environment variables.
 */
export async function runCli(argv: string[], output: CliOutput): Promise<number | Emulator> {
  let options;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`bailian-emulator: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options === "help") {
    output.out(USAGE);
    return 0;
  }
  const emulator = await startEmulator({
    ...options,
    log: (line) => output.out(`${new Date().toISOString()} ${line}\n`),
  });
  // The secret printed here is a credential of this local emulator only.
  for (const [name, value] of Object.entries(emulator.env)) {
    output.out(`${name}=${value}\n`);
  }
  return emulator;
}

async function main(): Promise<void> {
  // A reader that goes away (`bailian-emulator | head`) must not crash the server: the request
  // log is dropped from then on.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") {
      throw error;
    }
  });
  const output: CliOutput = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
  const result = await runCli(process.argv.slice(2), output);
  if (typeof result === "number") {
    process.exitCode = result;
    return;
  }
  const stop = (signal: string) => {
    output.out(`${new Date().toISOString()} ${signal} received, closing the emulator\n`);
    result.close().then(
      () => process.exit(0),
      (error: Error) => {
        output.err(`bailian-emulator: close failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`bailian-emulator: failed to start: ${error.message}\n`);
    process.exit(1);
  });
}
