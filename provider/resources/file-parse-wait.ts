// Waiting for a data-center file to be parsed. The outcome stays data; the provider turns it into
// an error.
import * as pulumi from "@pulumi/pulumi";
import pWaitFor from "p-wait-for";
import type { FileDescription, FileStatus } from "../client/types";
import type { WorkspaceApi } from "./api";

/** Result of a wait for parsing. */
export type ParseOutcome =
  | { state: "PARSE_SUCCESS" | "PARSE_FAILED"; file: FileDescription }
  | { state: "TIMEOUT"; file: FileDescription | undefined };

export interface ParseWaitOptions {
  /** Time between DescribeFile calls. */
  pollIntervalSeconds: number;
  /** Total time to wait before the outcome is TIMEOUT. */
  timeoutSeconds: number;
}

const TERMINAL_FILE_STATUSES: readonly FileStatus[] = ["PARSE_SUCCESS", "PARSE_FAILED"];

/** Tells whether parsing of a file has ended, successfully or not. */
export function isParseFinished(status: string): boolean {
  return (TERMINAL_FILE_STATUSES as readonly string[]).includes(status);
}

/**
 * Polls DescribeFile until the file is parsed or failed, or the time runs out. The first call is
 * made at once; an info line is logged whenever the status changes.
 */
export async function waitForParse(
  api: WorkspaceApi,
  fileId: string,
  options: ParseWaitOptions,
): Promise<ParseOutcome> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let last: FileDescription | undefined;

  // The deadline is checked here instead of through p-wait-for's `timeout` option. With a timeout,
  // p-wait-for 6 adds an abort listener per sleep and never removes it, so Node warns about a
  // listener leak after ten polls.
  const observe = async () => {
    if (last !== undefined && Date.now() >= deadline) {
      return pWaitFor.resolveWith<ParseOutcome>({ state: "TIMEOUT", file: last });
    }
    const file = await api.describeFile(fileId);
    if (file.Status !== last?.Status) {
      pulumi.log.info(`File "${file.FileName}" (${fileId}): ${file.Status}`);
    }
    last = file;
    if (!isParseFinished(file.Status)) {
      return false;
    }
    const state = file.Status as "PARSE_SUCCESS" | "PARSE_FAILED";
    return pWaitFor.resolveWith<ParseOutcome>({ state, file });
  };

  return pWaitFor<ParseOutcome>(observe, { interval: options.pollIntervalSeconds * 1000 });
}
