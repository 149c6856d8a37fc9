// The benchmark (`npm run bench`): this provider's IndexJob create against a naive poller, on the
// local emulator in scaled time. It prints one table to stdout and its progress to stderr.
import * as os from "node:os";
import { SIMULATED_INTERVAL_SECONDS } from "./fixture";
import { measureCase, type CaseOptions } from "./measure";
import { measurePluginStart } from "./plugin-start";
import { caseRows, pluginRows, TABLE_HEADER, twentyJobsRows } from "./report";
import { formatTable } from "./table";
import { measureTwentyJobs } from "./twenty-jobs";

/**
 * Simulated seconds per real second. At 60 a 5 s poll interval is 83 ms of real time, so a timer
 * that fires 2 ms late shifts a lag by about 0.02 intervals, and a 30-minute job takes 30 s.
 */
const DEFAULT_TIME_SCALE = 60;
const DOCUMENT_COUNTS = [10, 1000, 10_000];
const DURATIONS_MINUTES = [1, 30];
/** Up to this many documents, the naive poller without limits is cheap enough to run alongside. */
const ALONGSIDE_MAX_DOCUMENTS = 100;

function parseTimeScale(args: string[]): number {
  const position = args.indexOf("--time-scale");
  if (position < 0) {
    return DEFAULT_TIME_SCALE;
  }
  const value = Number(args[position + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(
      `--time-scale ${args[position + 1] ?? "(missing)"} is invalid; pass a positive number of ` +
        `simulated seconds per real second, e.g. --time-scale ${DEFAULT_TIME_SCALE}.`,
    );
    process.exit(2);
  }
  return value;
}

function machineLines(timeScale: number): string[] {
  const cpuModel = os.cpus()[0]?.model ?? "unknown CPU";
  const intervalMs = (SIMULATED_INTERVAL_SECONDS * 1000) / timeScale;
  return [
    `machine: ${os.availableParallelism()} cores, ${cpuModel}, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()}`,
    `time scale: ${timeScale} simulated s per real s; poll interval ${SIMULATED_INTERVAL_SECONDS} s ` +
      `simulated = ${intervalMs.toFixed(1)} ms real`,
  ];
}

async function main(): Promise<void> {
  const timeScale = parseTimeScale(process.argv.slice(2));
  const startedAt = Date.now();
  const progress = (message: string) =>
    console.error(`[${((Date.now() - startedAt) / 1000).toFixed(0)} s] ${message}`);
  const rows: string[][] = [];

  progress("plugin start and __provider size");
  rows.push(...pluginRows(await measurePluginStart(timeScale)));

  for (const durationMinutes of DURATIONS_MINUTES) {
    for (const documents of DOCUMENT_COUNTS) {
      progress(`N=${documents}, ${durationMinutes} simulated min`);
      const options: CaseOptions = {
        documents,
        durationMinutes,
        timeScale,
        naiveUnlimitedAlongside: documents <= ALONGSIDE_MAX_DOCUMENTS,
      };
      rows.push(...caseRows(await measureCase(options)));
    }
  }

  progress("20 concurrent jobs");
  rows.push(...twentyJobsRows(await measureTwentyJobs(timeScale)));

  progress("done");
  const output = [...machineLines(timeScale), "", formatTable(TABLE_HEADER, rows), ""].join("\n");
  process.stdout.write(output);
}

main().catch((error: unknown) => {
  console.error(`The benchmark failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
