import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runCli, type CliOutput } from "../../emulator/cli";
import type { Emulator } from "pulumi-bailian/emulator";

function capture(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => stdout.push(text), err: (text) => stderr.push(text) };
}

describe("bailian-emulator CLI", () => {
  let emulator: Emulator | undefined;

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  test.each([
    [["--port", "abc"], "--port abc is invalid"],
    [["--port", "70000"], "--port 70000 is invalid"],
    [["--time-scale", "0"], "--time-scale 0 is invalid"],
    [["--time-scale", "fast"], "--time-scale fast is invalid"],
    [["--workspace-id", "bad id"], "--workspace-id bad id is invalid"],
    [
      ["--access-key-id", "LTAIonly"],
      "--access-key-id and --access-key-secret must be given together",
    ],
    [["--colour"], "Unknown option '--colour'"],
  ])("rejects %j with exit code 2", async (argv, message) => {
    const output = capture();
    expect(await runCli(argv, output)).toBe(2);
    expect(output.stderr.join("")).toContain(message);
    expect(output.stdout).toEqual([]);
  });

  test("prints help", async () => {
    const output = capture();
    expect(await runCli(["--help"], output)).toBe(0);
    expect(output.stdout.join("")).toContain("--no-rate-limits");
  });

  test("prints the environment and logs requests", async () => {
    const output = capture();
    const result = await runCli(
      [
        "--port",
        "0",
        "--workspace-id",
        "llm-cli",
        "--access-key-id",
        "LTAIcli",
        "--access-key-secret",
        "cli-secret",
        "--no-rate-limits",
      ],
      output,
    );
    expect(typeof result).toBe("object");
    emulator = result as Emulator;
    const printed = output.stdout.join("");
    expect(printed).toContain(`BAILIAN_ENDPOINT=http://127.0.0.1:${emulator.port}\n`);
    expect(printed).toContain("BAILIAN_WORKSPACE_ID=llm-cli\n");
    expect(printed).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIcli\n");
    expect(printed).toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET=cli-secret\n");

    await fetch(`${emulator.endpoint}/llm-cli/index/list_indices`);
    const logged = output.stdout.join("");
    expect(logged).toMatch(/GET \/llm-cli\/index\/list_indices - 400 \d+ms/);
    expect(logged.split("cli-secret")).toHaveLength(2);
  });

  const compiled = join(__dirname, "../../dist/emulator/cli.js");
  // The compiled CLI exists after `npm run build`, which `npm test` runs first.
  (existsSync(compiled) ? test : test.skip)("compiled CLI closes on SIGTERM", async () => {
    const child = spawn(process.execPath, [compiled, "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`CLI printed no endpoint: ${stdout}`)),
        10_000,
      );
      child.stdout.on("data", () => {
        if (stdout.includes("ALIBABA_CLOUD_ACCESS_KEY_SECRET=")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const endpoint = /BAILIAN_ENDPOINT=(\S+)/.exec(stdout)![1];
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${endpoint}/_emulator/health`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stdout).toContain("SIGTERM received");
  });
});
