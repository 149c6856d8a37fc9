import type { EmulatorCore } from "./core";
import { FILE_INIT_SECONDS, FILE_PARSING_SECONDS } from "./operations/files";
import { checkJobTiming } from "./jobs";
import { fileExtension, parseSeededText } from "./parsing";
import type { EmulatorControl, SeedFile } from "./types";

/** Builds the control API of an emulator around its shared state. */
export function createControl(core: EmulatorCore, defaultWorkspaceId: string): EmulatorControl {
  return {
    injectFault: (rule) => core.faults.add(rule),
    clearFaults: () => core.faults.clear(),
    setRateLimits: (enabled) => {
      core.rateLimiter.enabled = enabled;
      core.rateLimiter.reset();
    },
    setJobTiming: (timing) => {
      checkJobTiming(timing);
      core.jobTiming = { ...timing };
    },
    stats: () => ({ ...structuredClone(core.stats), faults: core.faults.applied }),
    resetStats: () => {
      core.stats = { requests: {}, throttled: {}, faults: 0, jobsSubmitted: 0 };
      core.faults.applied = 0;
    },
    addWorkspace: (id, opts) => {
      if (!/^[A-Za-z0-9._~-]+$/.test(id)) {
        throw new Error(
          `Workspace id ${JSON.stringify(id)} is invalid; use letters, digits, ., _, ~ or -.`,
        );
      }
      core.store.addWorkspace(id, opts?.forbidden ?? false, core.clock.now());
      core.save();
    },
    seedFiles: (files) => seedFiles(core, defaultWorkspaceId, files),
    jobs: (workspaceId) =>
      [...core.store.jobs.values()]
        .filter((job) => workspaceId === undefined || job.workspaceId === workspaceId)
        .map((job) => ({
          jobId: job.id,
          indexId: job.indexId,
          kind: job.kind,
          documentIds: job.documents.map((document) => document.id),
          submittedAt: job.submittedAt,
        })),
    forceJobFailure: (indexId) => {
      core.forcedFailures.add(indexId ?? "*");
    },
    now: () => core.clock.now(),
    advance: (seconds) => {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new Error(`advance(seconds) needs a finite number of 0 or more; got ${seconds}.`);
      }
      core.clock.advance(seconds);
    },
  };
}

function seedFiles(core: EmulatorCore, defaultWorkspaceId: string, files: SeedFile[]): string[] {
  const ids: string[] = [];
  const parsedOffset = (FILE_INIT_SECONDS + FILE_PARSING_SECONDS) * 1000;
  const now = core.clock.now();
  for (const seed of files) {
    const workspaceId = seed.workspaceId ?? defaultWorkspaceId;
    const categoryId = seed.categoryId ?? "default";
    if (!core.store.workspaces.has(workspaceId)) {
      throw new Error(
        `seedFiles: workspace ${workspaceId} does not exist; call addWorkspace first.`,
      );
    }
    core.store.category(workspaceId, categoryId);
    const content = typeof seed.content === "string" ? seed.content : seed.content.toString("utf8");
    const parsed = parseSeededText(seed.name, content);
    const id = core.store.newId("file");
    core.store.files.set(id, {
      id,
      workspaceId,
      categoryId,
      name: seed.name,
      type: fileExtension(seed.name),
      sizeInBytes: Buffer.byteLength(content),
      parser: "DASHSCOPE_DOCMIND",
      tags: [],
      // Backdated so the file is already PARSE_SUCCESS.
      createdAt: now - parsedOffset,
      parsedAt: now,
      outcome: parsed.outcome,
      text: parsed.text,
    });
    ids.push(id);
  }
  core.save();
  return ids;
}
