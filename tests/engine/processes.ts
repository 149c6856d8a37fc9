// Child processes of the engine (the program runner and the provider plugin). Each one leads its
// own process group, so `kill()` ends it together with anything it started.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { WATCH_STDIN_ENV } from "./preload";

export interface ChildOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Receives every stdout and stderr line. */
  onLine: (line: string, stream: "stdout" | "stderr") => void;
}

export class Child {
  readonly exited: Promise<number | null>;
  private readonly process: ChildProcess;
  private exitCode: number | null | undefined;

  constructor(options: ChildOptions) {
    this.process = spawn(options.command, options.args, {
      cwd: options.cwd,
      // The preload exits the child when this stdin pipe closes, that is when the engine is gone.
      env: { ...options.env, [WATCH_STDIN_ENV]: "1" },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    for (const stream of ["stdout", "stderr"] as const) {
      const lines = createInterface({ input: this.process[stream]! });
      lines.on("line", (line) => options.onLine(line, stream));
    }
    this.exited = new Promise((resolve) => {
      this.process.on("error", (error) => {
        options.onLine(`failed to start ${options.command}: ${error.message}`, "stderr");
        this.exitCode = null;
        resolve(null);
      });
      this.process.on("close", (code, signal) => {
        this.exitCode = code ?? (signal ? null : 0);
        resolve(this.exitCode);
      });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Sends SIGKILL to the child's process group and waits until the child has exited. */
  async kill(): Promise<void> {
    const pid = this.process.pid;
    if (pid !== undefined && this.running) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch (error) {
        // ESRCH: the group is already gone.
        if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
          throw error;
        }
      }
    }
    await this.exited;
  }
}
