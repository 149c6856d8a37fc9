// Shared setup of the client tests: an emulator on 127.0.0.1 and a client signed with its keys.
import { inspect } from "node:util";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { BailianClient, type ConnectionSettings } from "../../provider/client";

/** Starts an emulator that records one log line per request into `log`. */
export async function startLoggedEmulator(
  options: EmulatorOptions = {},
): Promise<{ emulator: Emulator; log: string[] }> {
  const log: string[] = [];
  const emulator = await startEmulator({
    timeScale: 100,
    ...options,
    log: (line) => log.push(line),
  });
  return { emulator, log };
}

/** Creates a client for the emulator with its AccessKey passed explicitly. */
export function clientFor(
  emulator: Emulator,
  settings: Partial<ConnectionSettings> = {},
): BailianClient {
  return new BailianClient({
    endpoint: emulator.endpoint,
    credentials: {
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
    },
    ...settings,
  });
}

/** Returns the error a promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Lists every text form of a value that could reach a user, a log or a state file. */
export function renderingsOf(error: unknown): string[] {
  const asError = error as Error;
  return [
    String(asError.message),
    String(asError.stack),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
  ];
}

/** Polls `read` every 20 ms until `done` accepts its result, or fails after `attempts` reads. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  attempts = 250,
): Promise<T> {
  let last: T | undefined;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    last = await read();
    if (done(last)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`condition not reached; last value: ${JSON.stringify(last)}`);
}
