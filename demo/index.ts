// The demo behind `npm run demo`: starts the Bailian emulator, runs the example program in
// examples/knowledge-base against it and prints each document's status and the app's readiness.
//
// Usage: npm run demo -- [FOLDER] [--time-scale X]
//   FOLDER          documents to ingest (default: this repository's docs/ folder)
//   --time-scale X  simulated seconds per real second in the emulator (default 60)
// The stack is destroyed at the end, which deletes everything the demo made in the emulator.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../emulator";
import { countEmulatorObjects } from "./inventory";
import { findPulumiCli, PulumiCliRunner, TestEngineRunner, type DemoRun } from "./runners";

const repositoryRoot = path.resolve(__dirname, "..", "..");

interface DemoOptions {
  documentsDir: string;
  timeScale: number;
}

function parseArguments(argv: string[]): DemoOptions {
  const options: DemoOptions = {
    documentsDir: path.join(repositoryRoot, "docs"),
    timeScale: 60,
  };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === "--time-scale") {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value < 1 || value > 3600) {
        throw new Error(
          `--time-scale is ${JSON.stringify(argv[i])}; give a number from 1 to 3600 ` +
            "(simulated seconds per real second).",
        );
      }
      options.timeScale = value;
    } else if (argument.startsWith("-")) {
      throw new Error(
        `Unknown option ${argument}; usage: npm run demo -- [FOLDER] [--time-scale X]`,
      );
    } else {
      options.documentsDir = path.resolve(argument);
    }
  }
  if (!fs.existsSync(options.documentsDir) || !fs.statSync(options.documentsDir).isDirectory()) {
    throw new Error(`The documents folder ${options.documentsDir} does not exist; name a folder.`);
  }
  return options;
}

function stackConfig(emulator: Emulator, options: DemoOptions): DemoRun["config"] {
  // The API requests 5 s between job status calls and 15 s between file status calls. In the
  // emulator's scaled time the same simulated intervals take a fraction of a second.
  return {
    plain: {
      "bailian-knowledge-base:workspaceId": emulator.workspaceId,
      "bailian-knowledge-base:documentsDir": options.documentsDir,
      "bailian-knowledge-base:pollIntervalSeconds": String(5 / options.timeScale),
      "bailian-knowledge-base:filePollIntervalSeconds": String(15 / options.timeScale),
      "bailian:endpoint": emulator.endpoint,
      "bailian:accessKeyId": emulator.accessKeyId,
    },
    secret: {
      "bailian:accessKeySecret": emulator.accessKeySecret,
    },
  };
}

interface DocumentStatus {
  name: string;
  status: string;
  code?: string;
  message?: string;
}

function printOutputs(outputs: Record<string, unknown>): void {
  const documents = (outputs.documentStatuses ?? []) as DocumentStatus[];
  console.log(`\nIndex job ${String(outputs.jobId)}: ${String(outputs.jobStatus)}`);
  for (const document of documents) {
    const detail = document.code ? ` (${document.code}: ${document.message ?? ""})` : "";
    console.log(`  ${document.status.padEnd(12)} ${document.name}${detail}`);
  }
  console.log(`Document counts: ${JSON.stringify(outputs.documentCounts)}`);
  const ready = outputs.appReady === true;
  console.log(
    ready
      ? "App deployment: ready, because the knowledge base returned results for the smoke query."
      : "App deployment: NOT ready, because the smoke query returned no results.",
  );
  if (typeof outputs.appTopResult === "string" && outputs.appTopResult !== "") {
    console.log(`Top retrieval result: ${outputs.appTopResult.slice(0, 160)}...`);
  }
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "bailian-demo-"));
  const emulator = await startEmulator({ timeScale: options.timeScale });
  console.log(`Bailian emulator at ${emulator.endpoint}, workspace ${emulator.workspaceId}`);
  console.log(`Ingesting ${options.documentsDir}`);

  const run: DemoRun = {
    projectDir: repositoryRoot,
    programDir: path.join(repositoryRoot, "examples", "knowledge-base"),
    workDir,
    config: stackConfig(emulator, options),
  };
  try {
    const cli = findPulumiCli();
    console.log(
      cli
        ? `Running the example with the Pulumi CLI (${cli}), state in ${workDir}`
        : "Pulumi CLI not found: running the example through the project's test engine",
    );
    const runner = cli ? new PulumiCliRunner(run, cli) : new TestEngineRunner(run);

    const up = await runner.up();
    if (!up.ok) {
      console.error(`\nThe deployment failed: ${up.error}`);
      await runner.destroy();
      return 1;
    }
    printOutputs(up.outputs);

    console.log("\nDestroying the stack...");
    const destroy = await runner.destroy();
    if (!destroy.ok) {
      console.error(`The destroy failed: ${destroy.error}`);
      return 1;
    }
    const left = await countEmulatorObjects(emulator);
    console.log(`Left in the emulator: ${left.indices} knowledge bases, ${left.files} files.`);
    return 0;
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
