import type { EmulatorStats } from "./core";
import type { FaultRule } from "./faults";
import type { JobTiming } from "./jobs";

export type { EmulatorStats, FaultRule, JobTiming };
export type { FaultKind } from "./faults";

/** Settings of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free port. */
  port?: number;
  /** Listen address; only loopback addresses are accepted. Default "127.0.0.1". */
  host?: string;
  /** JSON file to load at start and rewrite after each change; in memory only when absent. */
  stateFile?: string;
  /** Simulated seconds per real second (default 1); 60 makes a 5-minute job take 5 s. */
  timeScale?: number;
  /** Accepted AccessKey id; generated when absent. */
  accessKeyId?: string;
  /** Accepted AccessKey secret; generated when absent. */
  accessKeySecret?: string;
  /** Default workspace id; generated when absent. */
  workspaceId?: string;
  /** STS security token; when set, requests must carry it with the AccessKey above. */
  securityToken?: string;
  /** Whether per-operation rate limits apply (default true). */
  rateLimits?: boolean;
  /** Duration model of index jobs; default {pendingSeconds: 2, secondsPerDocument: 1, minRunningSeconds: 5}. */
  jobTiming?: JobTiming;
  /** Receives one line per request (method, path, action, status, ms); no request log by default. */
  log?: (line: string) => void;
}

/** A seeded file: parsed at once, ready to index. */
export interface SeedFile {
  name: string;
  content: string | Buffer;
  /** Default "default". */
  categoryId?: string;
  /** Default: the emulator's workspace. */
  workspaceId?: string;
}

export interface JobSummary {
  jobId: string;
  indexId: string;
  kind: "build" | "append";
  documentIds: string[];
  /** Simulated epoch milliseconds. */
  submittedAt: number;
}

/** Test and benchmark controls of a running emulator. */
export interface EmulatorControl {
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  setRateLimits(enabled: boolean): void;
  setJobTiming(timing: JobTiming): void;
  stats(): EmulatorStats;
  resetStats(): void;
  addWorkspace(id: string, opts?: { forbidden?: boolean }): void;
  /** Adds files that are already parsed (PARSE_SUCCESS) and returns their FileIds. */
  seedFiles(files: SeedFile[]): string[];
  jobs(workspaceId?: string): JobSummary[];
  /** Makes the next job (of `indexId`, or of any index) end FAILED. */
  forceJobFailure(indexId?: string): void;
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Moves the simulated clock forward. */
  advance(seconds: number): void;
}

export interface Emulator {
  /** "http://127.0.0.1:PORT". */
  endpoint: string;
  /** "127.0.0.1:PORT", the value an SDK `Config.endpoint` takes together with protocol "http". */
  host: string;
  port: number;
  workspaceId: string;
  accessKeyId: string;
  accessKeySecret: string;
  /**
   * BAILIAN_ENDPOINT, BAILIAN_WORKSPACE_ID, ALIBABA_CLOUD_ACCESS_KEY_ID and
   * ALIBABA_CLOUD_ACCESS_KEY_SECRET, plus ALIBABA_CLOUD_SECURITY_TOKEN for an STS credential.
   */
  env: Record<string, string>;
  control: EmulatorControl;
  close(): Promise<void>;
}
