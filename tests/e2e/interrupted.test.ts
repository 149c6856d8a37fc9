// The example program when the wait for its ingest job is cut short: the engine killed while the
// job runs, and a wait that times out. In both cases the next `up` must finish the same job
// instead of submitting another. Each describe block runs its own emulator and stack, and the
// tests in a block continue one stack.
import * as fs from "node:fs";
import type { JobSummary } from "../../emulator";
import type { OperationResult } from "../engine";
import { advanceToNearEnd, jobsOfKind, waitForJob } from "./emulator-jobs";
import { ExampleStack, outputsOf } from "./example-stack";
import { expectLogsWithoutSecret, expectStateWithoutSecret } from "./secret-check";

const DOCUMENTS = {
  "index-job.md": "# Index jobs\n\nThe index job waits until the knowledge base is ready.\n",
  "refunds.md": "# Refunds\n\nRefunds take five working days.\n",
  "shipping.txt": "Shipping is free for orders above 50 euros.\n",
};

/**
 * Simulated duration of every job while the emulator runs slow: about 17 real minutes at the
 * test time scale, so a job ends only when a test moves the clock.
 */
const SLOW_JOB_SECONDS = 100_000;

/** Real seconds a slow job still runs when the next `up` starts, so that `up` waits for it. */
const REAL_SECONDS_LEFT = 1;

function documentStatuses(result: OperationResult): string[] {
  const statuses = result.outputs.documentStatuses as { name: string; status: string }[];
  return statuses.map((entry) => `${entry.name}: ${entry.status}`).sort();
}

const ALL_FINISHED = Object.keys(DOCUMENTS).map((name) => `${name}: FINISH`);

/**
 * Starts `up` and lets the build job end at once, so that the slow emulator delays only the
 * ingest job, which is submitted after the build job is ready.
 */
async function startUpPastBuild(stack: ExampleStack, engine = stack.engine()) {
  const pending = stack.run("up", engine);
  await waitForJob(stack.emulator.control, "build");
  stack.emulator.control.advance(SLOW_JOB_SECONDS);
  return pending;
}

describe("engine killed during the ingest wait", () => {
  let stack: ExampleStack;

  beforeAll(async () => {
    stack = await ExampleStack.start({
      documents: DOCUMENTS,
      jobTiming: { fixedDurationSeconds: SLOW_JOB_SECONDS },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  test("next up adopts the job in flight", async () => {
    const control = stack.emulator.control;
    const engine = stack.engine();
    const killedUp = startUpPastBuild(stack, engine);
    const append = await waitForJob(control, "append");
    await engine.kill();
    const killed = await killedUp;

    expect(killed.ok).toBe(false);
    expect(killed.error).toContain("aborted");
    // The state does not contain the job, because its create never returned.
    expect(stack.storedResource("ingest")).toBeUndefined();
    expect(fs.readFileSync(stack.stateFile, "utf8")).not.toContain(append.jobId);

    const submittedBefore = control.stats().jobsSubmitted;
    control.setJobTiming({});
    advanceToNearEnd(control, append, SLOW_JOB_SECONDS, REAL_SECONDS_LEFT);
    const result = await stack.run("up");

    expect(result.error).toBeUndefined();
    expect(jobsOfKind(control, "append").map((job) => job.jobId)).toEqual([append.jobId]);
    expect(control.stats().jobsSubmitted).toBe(submittedBefore);
    expect(outputsOf(result, "IndexJob", "ingest").adopted).toBe(true);
    expect(result.outputs.jobStatus).toBe("COMPLETED");
    expect(documentStatuses(result)).toEqual(ALL_FINISHED);
    expect(result.outputs.appReady).toBe(true);
  });

  test("AccessKey secret stays out after the kill", () => {
    expect(stack.results).toHaveLength(2);
    expectStateWithoutSecret(stack);
    expectLogsWithoutSecret(stack);
  });
});

describe("ingest wait that times out", () => {
  let stack: ExampleStack;
  let append: JobSummary;

  beforeAll(async () => {
    stack = await ExampleStack.start({
      documents: DOCUMENTS,
      jobTiming: { fixedDurationSeconds: SLOW_JOB_SECONDS },
    });
  });

  afterAll(async () => {
    await stack?.close();
  });

  test("up fails and keeps the job", async () => {
    stack.extraConfig.timeoutSeconds = "1";

    const result = await startUpPastBuild(stack);

    expect(result.ok).toBe(false);
    const appends = jobsOfKind(stack.emulator.control, "append");
    expect(appends).toHaveLength(1);
    append = appends[0];
    expect(result.error).toContain("timed out");
    expect(result.error).toContain(append.jobId);
    const ingest = stack.storedResource("ingest");
    expect(ingest?.initErrors?.length).toBeGreaterThan(0);
    expect(ingest?.outputs.jobId).toBe(append.jobId);
    expect(ingest?.outputs.readyIndexId).toBeUndefined();
  });

  test("refresh keeps the running job", async () => {
    const result = await stack.run("refresh");

    expect(result.error).toBeUndefined();
    const ingest = outputsOf(result, "IndexJob", "ingest");
    expect(ingest.jobId).toBe(append.jobId);
    expect(ingest.jobStatus).toBe("RUNNING");
    expect(ingest.readyIndexId).toBeUndefined();
  });

  test("next up resumes the same job", async () => {
    const control = stack.emulator.control;
    const submittedBefore = control.stats().jobsSubmitted;
    stack.extraConfig.timeoutSeconds = "600";
    control.setJobTiming({});
    advanceToNearEnd(control, append, SLOW_JOB_SECONDS, REAL_SECONDS_LEFT);

    const result = await stack.run("up");

    expect(result.error).toBeUndefined();
    expect(control.stats().jobsSubmitted).toBe(submittedBefore);
    expect(result.outputs.jobId).toBe(append.jobId);
    expect(result.outputs.jobStatus).toBe("COMPLETED");
    expect(documentStatuses(result)).toEqual(ALL_FINISHED);
    expect(result.outputs.appReady).toBe(true);
    expect(stack.storedResource("ingest")?.initErrors).toBeUndefined();
  });

  test("AccessKey secret stays out after the timeout", () => {
    expect(stack.results).toHaveLength(3);
    expectStateWithoutSecret(stack);
    expectLogsWithoutSecret(stack);
  });
});
