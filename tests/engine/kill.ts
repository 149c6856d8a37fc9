// Stops a running operation on `TestEngine.kill()` or when its AbortSignal fires.

export class KillSwitch {
  /** True once the operation was killed or its signal aborted. */
  triggered = false;
  /** Resolves after `stop` has finished; never resolves if the operation is not killed. */
  readonly killed: Promise<void>;
  /** The stop in progress; already resolved while nothing has been killed. */
  private stopping: Promise<void> = Promise.resolve();
  private resolveKilled: () => void = () => undefined;
  private readonly onAbort = (): void => void this.kill();

  constructor(
    private readonly stop: () => Promise<void>,
    private readonly signal?: AbortSignal,
  ) {
    this.killed = new Promise<void>((resolve) => (this.resolveKilled = resolve));
    signal?.addEventListener("abort", this.onAbort);
    if (signal?.aborted) {
      this.onAbort();
    }
  }

  /** Runs `stop` once; later calls wait for the same stop. */
  kill(): Promise<void> {
    if (!this.triggered) {
      this.triggered = true;
      this.stopping = this.stop().then(this.resolveKilled);
    }
    return this.stopping;
  }

  /** Detaches from the signal and waits for a stop in progress. */
  async dispose(): Promise<void> {
    this.signal?.removeEventListener("abort", this.onAbort);
    await this.stopping;
  }
}
