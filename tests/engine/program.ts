// Starts a Pulumi program through the SDK's own language-host runner, `@pulumi/pulumi/cmd/run`.
import * as fs from "node:fs";
import * as path from "node:path";
import type { EntryPoint } from "./entry-point";
import { Child } from "./processes";

/** Compiler options for a TypeScript program folder without its own tsconfig.json. */
const DEFAULT_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node",
    esModuleInterop: true,
    strict: true,
    skipLibCheck: true,
  },
};

export interface ProgramOptions {
  programDir: string;
  entryPoint: EntryPoint;
  project: string;
  stack: string;
  monitorAddress: string;
  dryRun: boolean;
  config: Record<string, string>;
  secretConfig: Record<string, string>;
  env: Record<string, string>;
  /** NODE_OPTIONS for the program, loading the engine's preload script. */
  nodeOptions: string;
  /** Folder for a default tsconfig. The caller removes it. */
  workDir: string;
  onLine: (line: string) => void;
}

export function sdkDirectory(): string {
  return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
}

export function startProgram(options: ProgramOptions): Child {
  const args = [
    path.join(sdkDirectory(), "cmd", "run"),
    `--monitor=${options.monitorAddress}`,
    `--engine=${options.monitorAddress}`,
    `--project=${options.project}`,
    `--stack=${options.stack}`,
    `--pwd=${options.programDir}`,
    ...(options.dryRun ? ["--dry-run"] : []),
    options.entryPoint.program,
  ];
  return new Child({
    command: process.execPath,
    args,
    cwd: options.programDir,
    env: programEnvironment(options),
    onLine: (line) => options.onLine(line),
  });
}

function programEnvironment(options: ProgramOptions): NodeJS.ProcessEnv {
  const config = { ...options.config, ...options.secretConfig };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(Object.keys(options.secretConfig)),
    NODE_OPTIONS: options.nodeOptions,
  };
  if (options.entryPoint.typeScript) {
    env.PULUMI_NODEJS_TYPESCRIPT = "true";
    // Type checking is left to `tsc`. ts-node only transpiles, which keeps each run short.
    env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    if (!fs.existsSync(path.join(options.programDir, "tsconfig.json"))) {
      const tsconfig = path.join(options.workDir, "tsconfig.json");
      fs.writeFileSync(tsconfig, JSON.stringify(DEFAULT_TSCONFIG, null, 2));
      env.PULUMI_NODEJS_TSCONFIG_PATH = tsconfig;
    }
  }
  return { ...env, ...options.env };
}
