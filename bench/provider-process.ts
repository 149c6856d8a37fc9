// Runs IndexJob creates in a child node process (bench/provider-child.ts, compiled), so that the
// peak memory measured is that of a process doing only what the plugin would do.
import { fork } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ChildReply, ChildRequest } from "./provider-child";

/** Lines of the child's stderr kept for an error message. */
const KEPT_STDERR_LINES = 20;

/** Path of the compiled child script: next to this file in dist/, or in dist/ when run from source. */
export function childScriptPath(): string {
  const compiled = __filename.endsWith(".js")
    ? path.join(__dirname, "provider-child.js")
    : path.join(__dirname, "..", "dist", "bench", "provider-child.js");
  if (!fs.existsSync(compiled)) {
    throw new Error(
      `The benchmark child script ${compiled} is missing; run "npm run build" first.`,
    );
  }
  return compiled;
}

/**
 * Runs the creates of `request.jobs` concurrently in a new process with `env`, and resolves with
 * its reply. Kills the child by its pid when it gives no reply within `timeoutMs`.
 */
export function runInChild(
  request: ChildRequest,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<ChildReply> {
  const child = fork(childScriptPath(), [], {
    env,
    execArgv: [],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    stderr.push(...chunk.split("\n").filter(Boolean));
    stderr.splice(0, Math.max(0, stderr.length - KEPT_STDERR_LINES));
  });

  return new Promise<ChildReply>((resolve, reject) => {
    let reply: ChildReply | undefined;
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        process.kill(child.pid, "SIGKILL");
      }
    }, timeoutMs);
    child.once("message", (message) => {
      reply = message as ChildReply;
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (reply !== undefined) {
        resolve(reply);
        return;
      }
      const cause = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(
        new Error(
          `The provider child process ${cause} before replying (timeout ${timeoutMs} ms). ` +
            `Last stderr lines:\n${stderr.join("\n")}`,
        ),
      );
    });
    child.send(request);
  });
}
