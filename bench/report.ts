// Turns the measured figures into the rows of the benchmark table, each with its target.
import type { CaseFigures, RunFigures } from "./measure";
import type { PluginStartFigures } from "./plugin-start";
import type { TwentyJobsFigures } from "./twenty-jobs";
import { SIMULATED_INTERVAL_SECONDS } from "./fixture";

export const TABLE_HEADER = ["measure", "case", "ours", "naive", "target", "result"];

const MAX_LAG_INTERVALS = 1.05;
const MIN_CALL_RATIO = 10;
const RATIO_DOCUMENTS = 1000;
const MAX_MULTIPLE_OF_LONGEST = 1.2;
const LARGE_DOCUMENTS = 10_000;
const MAX_PEAK_RSS_MB = 150;
const MAX_STATE_BYTES_PER_DOCUMENT = 200;
const MAX_PROVIDER_TEXT_KB = 20;
const MB = 1024 * 1024;

const verdict = (pass: boolean) => (pass ? "PASS" : "MISS");
const fixed = (value: number, digits: number) => value.toFixed(digits);
const lag = (value: number | undefined) => (value === undefined ? "never" : fixed(value, 2));

function caseName(figures: CaseFigures): string {
  return `N=${figures.documents.toLocaleString("en-US")}, ${figures.durationMinutes} min`;
}

/**
 * Estimates the lag at real speed. The work after the terminal poll (fetching and converting the
 * documents) takes real milliseconds, which scaled time multiplies by the time scale, so that
 * part is divided by it again. Undefined when either lag is.
 */
function realSpeedLag(run: RunFigures, timeScale: number): number | undefined {
  if (run.lagIntervals === undefined || run.pollLagIntervals === undefined) {
    return undefined;
  }
  return run.pollLagIntervals + (run.lagIntervals - run.pollLagIntervals) / timeScale;
}

/** Rows of one job-size and duration case. */
export function caseRows(figures: CaseFigures): string[][] {
  const name = caseName(figures);
  const { ours, naiveLimited, naiveUnlimited } = figures;
  const durationSeconds = figures.durationMinutes * 60;
  const maxCalls = durationSeconds / SIMULATED_INTERVAL_SECONDS + 1;
  const ratio = naiveUnlimited.statusCalls / ours.statusCalls;
  const lagPass = ours.lagIntervals !== undefined && ours.lagIntervals <= MAX_LAG_INTERVALS;
  const rows = [
    [
      "lag to terminal poll (intervals)",
      name,
      lag(ours.pollLagIntervals),
      lag(naiveUnlimited.pollLagIntervals),
      "-",
      "-",
    ],
    [
      "lag to create return (intervals)",
      name,
      lag(ours.lagIntervals),
      lag(naiveUnlimited.lagIntervals),
      `<= ${MAX_LAG_INTERVALS}`,
      verdict(lagPass),
    ],
    [
      "lag at 1x speed, estimate",
      name,
      lag(realSpeedLag(ours, figures.timeScale)),
      lag(realSpeedLag(naiveUnlimited, figures.timeScale)),
      "-",
      "-",
    ],
    [
      "GetIndexJobStatus calls",
      name,
      String(ours.statusCalls),
      String(naiveUnlimited.statusCalls),
      `<= ${maxCalls}`,
      verdict(ours.statusCalls <= maxCalls),
    ],
    [
      "naive / ours calls",
      name,
      "",
      `${fixed(ratio, 1)}x`,
      figures.documents === RATIO_DOCUMENTS ? `>= ${MIN_CALL_RATIO}x` : "-",
      figures.documents === RATIO_DOCUMENTS ? verdict(ratio >= MIN_CALL_RATIO) : "-",
    ],
    [
      "throttled calls, limits on",
      name,
      String(ours.throttled),
      `${naiveLimited.throttled} (lag ${lag(naiveLimited.lagIntervals)})`,
      "-",
      "-",
    ],
  ];
  const peakMb = ours.peakRssBytes / MB;
  const large = figures.documents === LARGE_DOCUMENTS;
  rows.push(
    [
      "peak RSS (MB)",
      name,
      fixed(peakMb, 1),
      "",
      large ? `<= ${MAX_PEAK_RSS_MB}` : "-",
      large ? verdict(peakMb <= MAX_PEAK_RSS_MB) : "-",
    ],
    [
      "state bytes per document",
      name,
      fixed(ours.stateBytesPerDocument, 1),
      "",
      large ? `<= ${MAX_STATE_BYTES_PER_DOCUMENT}` : "-",
      large ? verdict(ours.stateBytesPerDocument <= MAX_STATE_BYTES_PER_DOCUMENT) : "-",
    ],
  );
  return rows;
}

/** Rows of the plugin start and the serialized provider size. */
export function pluginRows(figures: PluginStartFigures): string[][] {
  const kb = figures.providerTextBytes / 1024;
  return [
    [
      "__provider size (KB)",
      "IndexJob",
      fixed(kb, 1),
      "",
      `<= ${MAX_PROVIDER_TEXT_KB}`,
      verdict(kb <= MAX_PROVIDER_TEXT_KB),
    ],
    ["plugin start to port (ms)", "real time", String(figures.listeningMs), "", "-", "-"],
    [
      "plugin start to 1st API call (ms)",
      "real time",
      String(figures.firstRequestMs),
      "",
      "-",
      "-",
    ],
  ];
}

/** Rows of the twenty concurrent jobs. */
export function twentyJobsRows(figures: TwentyJobsFigures): string[][] {
  const name = `${figures.jobs} jobs, ${figures.shortestSeconds / 60}-${figures.longestSeconds / 60} min`;
  const inTime = figures.multipleOfLongest <= MAX_MULTIPLE_OF_LONGEST;
  const clean = figures.throttled === 0 && figures.failures.length === 0;
  return [
    [
      "total / longest job",
      name,
      `${fixed(figures.multipleOfLongest, 3)}x`,
      "",
      `<= ${MAX_MULTIPLE_OF_LONGEST}x`,
      verdict(inTime),
    ],
    ["throttled calls (all jobs)", name, String(figures.throttled), "", "0", verdict(clean)],
    ["GetIndexJobStatus calls (all jobs)", name, String(figures.statusCalls), "", "-", "-"],
  ];
}
