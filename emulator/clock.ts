/**
 * Simulated time: `timeScale` simulated seconds pass per real second, and `advance` jumps ahead.
 * All job, parsing, lease and rate-limit timing uses this clock; signature dates use the real one.
 */
export class SimulatedClock {
  private realOrigin = Date.now();
  private simulatedOrigin: number;

  constructor(
    private timeScale: number,
    startAt = Date.now(),
  ) {
    this.simulatedOrigin = startAt;
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return Math.floor(this.simulatedOrigin + (Date.now() - this.realOrigin) * this.timeScale);
  }

  advance(seconds: number): void {
    this.simulatedOrigin += seconds * 1000;
  }

  /** Moves the clock to `at` if it is behind it, so time never runs backwards after a restart. */
  catchUp(at: number): void {
    const now = this.now();
    if (at > now) {
      this.simulatedOrigin += at - now;
    }
  }

  /** Converts a simulated duration to the real milliseconds a client has to wait for it. */
  toRealMs(simulatedMs: number): number {
    return Math.max(1, Math.ceil(simulatedMs / this.timeScale));
  }

  get scale(): number {
    return this.timeScale;
  }
}

/** Formats epoch milliseconds as "yyyy-MM-dd HH:mm:ss" in UTC+8, as the data-center API does. */
export function formatChinaTime(epochMs: number): string {
  const shifted = new Date(epochMs + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}
