// Watching and steering the emulator's index jobs while an operation runs.
import type { EmulatorControl, JobSummary } from "../../emulator";
import { TIME_SCALE } from "./example-stack";

const POLL_MS = 10;
const WATCH_TIMEOUT_MS = 60_000;

export function jobsOfKind(control: EmulatorControl, kind: JobSummary["kind"]): JobSummary[] {
  return control.jobs().filter((job) => job.kind === kind);
}

/** Waits until the emulator contains more than `known` jobs of `kind`; returns the newest one. */
export async function waitForJob(
  control: EmulatorControl,
  kind: JobSummary["kind"],
  known = 0,
): Promise<JobSummary> {
  const deadline = Date.now() + WATCH_TIMEOUT_MS;
  for (;;) {
    const jobs = jobsOfKind(control, kind);
    if (jobs.length > known) {
      return jobs[jobs.length - 1];
    }
    if (Date.now() > deadline) {
      const seen = control.jobs().map((job) => `${job.jobId} (${job.kind})`);
      throw new Error(
        `no ${kind} job number ${known + 1} was submitted within ${WATCH_TIMEOUT_MS / 1000} s; ` +
          `the emulator holds ${seen.length === 0 ? "no jobs" : seen.join(", ")}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Moves the emulator's clock so that a job of `durationSeconds` (simulated) ends
 * `realSecondsLeft` real seconds from now. A job that would already have ended is left alone.
 */
export function advanceToNearEnd(
  control: EmulatorControl,
  job: JobSummary,
  durationSeconds: number,
  realSecondsLeft: number,
): void {
  const endsAt = job.submittedAt + durationSeconds * 1000;
  const skipSeconds = (endsAt - control.now()) / 1000 - realSecondsLeft * TIME_SCALE;
  if (skipSeconds > 0) {
    control.advance(skipSeconds);
  }
}
