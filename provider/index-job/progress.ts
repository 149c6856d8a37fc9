import * as pulumi from "@pulumi/pulumi";
import { describeCounts } from "./documents";

/** Destination of progress lines. The default is Pulumi's log, which prints to stdout in the plugin. */
export interface ProgressLog {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

const pulumiLog: ProgressLog = {
  info: (message) => void pulumi.log.info(message),
  warn: (message) => void pulumi.log.warn(message),
  debug: (message) => void pulumi.log.debug(message),
};

let currentLog: ProgressLog = pulumiLog;

/** Replaces the progress log, e.g. to collect lines in a test; returns the previous one. */
export function setProgressLog(log: ProgressLog | undefined): ProgressLog {
  const previous = currentLog;
  currentLog = log ?? pulumiLog;
  return previous;
}

/**
 * Reports a job's progress while one wait lasts: an info line whenever the status or the counts
 * change, never the same line twice, and each distinct note or warning once.
 */
export class ProgressReporter {
  private lastLine?: string;
  private readonly messagesLogged = new Set<string>();

  constructor(private readonly label: string) {}

  report(status: string, counts?: { total?: number; finished: number; failed: number }): void {
    const line = counts
      ? `${this.label}: ${status}, ${describeCounts(counts)}`
      : `${this.label}: ${status}`;
    currentLog.debug(`${line} (poll)`);
    if (line !== this.lastLine) {
      this.lastLine = line;
      currentLog.info(line);
    }
  }

  /** Logs an info line about the job, once per message. */
  note(message: string): void {
    if (!this.messagesLogged.has(message)) {
      this.messagesLogged.add(message);
      currentLog.info(`${this.label}: ${message}`);
    }
  }

  warn(message: string): void {
    if (!this.messagesLogged.has(message)) {
      this.messagesLogged.add(message);
      currentLog.warn(`${this.label}: ${message}`);
    }
  }
}
