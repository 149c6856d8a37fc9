// Keeps the benchmark's measurement code working. It asserts what was measured, never how fast:
// speed belongs to `npm run bench`. The provider runs in a child process from dist/, so this
// test needs `npm run build` first, as `npm test` does.
import { measureCase } from "../../bench/measure";

describe("benchmark measureCase", () => {
  test("smallest case yields every figure", async () => {
    const figures = await measureCase({
      documents: 10,
      durationMinutes: 1,
      timeScale: 60,
      naiveUnlimitedAlongside: true,
    });

    expect(figures.ours.jobStatus).toBe("COMPLETED");
    expect(figures.ours.statusCalls).toBeGreaterThan(0);
    expect(figures.ours.lagIntervals).toBeDefined();
    expect(figures.ours.pollLagIntervals).toBeDefined();
    expect(figures.ours.peakRssBytes).toBeGreaterThan(0);
    // Each recorded document carries at least its id, name and status.
    expect(figures.ours.stateBytesPerDocument).toBeGreaterThan(50);
    expect(figures.naiveUnlimited.lagIntervals).toBeDefined();
    // Ten documents fill one page of 10, so every naive poll also reads a second, empty page.
    expect(figures.naiveUnlimited.statusCalls).toBeGreaterThan(figures.ours.statusCalls);
    expect(figures.naiveUnlimited.throttled).toBe(0);
  });
});
