import { SimulatedClock } from "./clock";
import { FaultInjector } from "./faults";
import { DEFAULT_JOB_TIMING, type JobTiming } from "./jobs";
import type { FileRecord } from "./model";
import { parseDocument } from "./parsing";
import { RateLimiter } from "./rate-limits";
import type { ChunkSearch } from "./search";
import { writeStateFile } from "./state-file";
import { Store } from "./store";

/** Request and fault counters returned by `EmulatorControl.stats()`. */
export interface EmulatorStats {
  /** Authenticated API calls per operation. */
  requests: Record<string, number>;
  /** Calls per operation rejected with a throttling error (rate limit or injected fault). */
  throttled: Record<string, number>;
  /** Calls a fault rule was applied to. */
  faults: number;
  /** Index jobs submitted (SubmitIndexJob and SubmitIndexAddDocumentsJob). */
  jobsSubmitted: number;
}

/** Shared state of one emulator instance, used by the operations and the control API. */
export class EmulatorCore {
  readonly store = new Store();
  readonly rateLimiter = new RateLimiter();
  readonly faults = new FaultInjector();
  /** Search index per knowledge base, rebuilt when the set of its jobs changes. */
  readonly searchCache = new Map<string, { jobIds: string; search: ChunkSearch }>();
  stats: EmulatorStats = { requests: {}, throttled: {}, faults: 0, jobsSubmitted: 0 };
  jobTiming: JobTiming = { ...DEFAULT_JOB_TIMING };
  /** Base URL of the server, set once it listens; upload URLs point here. */
  endpoint = "";
  /** Index ids whose next job is forced to fail; "*" stands for any index. */
  readonly forcedFailures = new Set<string>();
  private readonly parsing = new Map<string, Promise<void>>();

  constructor(
    readonly clock: SimulatedClock,
    private readonly stateFile?: string,
  ) {}

  /** Set by close(); parses that finish later no longer write the state file. */
  closed = false;

  /** Writes the state file after a change, when one is configured. */
  save(): void {
    if (this.stateFile && !this.closed) {
      writeStateFile(this.stateFile, this.store.toState(this.clock.now()));
    }
  }

  /** Starts the real parse of a file's bytes; the result is stored on the record. */
  startParsing(file: FileRecord, bytes: Buffer): void {
    const parsing = parseDocument(file.name, bytes).then((result) => {
      file.outcome = result.outcome;
      file.text = result.text;
      delete file.content;
      this.parsing.delete(file.id);
      this.save();
    });
    this.parsing.set(file.id, parsing);
  }

  /** Waits until the real parse of the given files has finished. */
  async waitForParsing(fileIds: Iterable<string>): Promise<void> {
    const pending = [...fileIds].flatMap((id) => this.parsing.get(id) ?? []);
    await Promise.all(pending);
  }

  /** Resumes parses interrupted by a restart, from the bytes kept in the state file. */
  resumeParsing(): void {
    for (const file of this.store.files.values()) {
      if (file.outcome === "pending" && file.content !== undefined) {
        this.startParsing(file, Buffer.from(file.content, "base64"));
      }
    }
  }

  count(kind: "requests" | "throttled", action: string): void {
    this.stats[kind][action] = (this.stats[kind][action] ?? 0) + 1;
  }
}
