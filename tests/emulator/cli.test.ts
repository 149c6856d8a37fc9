import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, type CliOutput } from "../../emulator/cli";
import { writeStateFile } from "../../emulator/state-file";
import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, officialClient } from "./helpers";

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
    [["--port", "-1"], "--port -1 is invalid; use a whole number from 0 to 65535"],
    [["--port=-1"], "--port -1 is invalid; use a whole number from 0 to 65535"],
    [["--port", "1.5"], "--port 1.5 is invalid"],
    [["--port", ""], '--port "" is invalid'],
    [["--time-scale", "-5"], "--time-scale -5 is invalid; use a number greater than 0"],
    [["--time-scale", "0x10"], "--time-scale 0x10 is invalid"],
    [["--time-scale", "1e400"], "--time-scale 1e400 is invalid"],
    [["--workspace-id", "-a b"], "--workspace-id -a b is invalid"],
    [["--port"], "--port needs a value, such as --port 8089."],
    [["--port", "--no-rate-limits"], "--port needs a value"],
    [["--state", ""], '--state "" is empty'],
  ])("rejects %j with exit code 2", async (argv, message) => {
    const output = capture();
    const result = await runCli(argv, output);
    if (typeof result === "object") {
      emulator = result;
    }
    expect(result).toBe(2);
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

  describe("--state", () => {
    let directory: string;

    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), "bailian-cli-"));
    });

    afterEach(async () => {
      // Closing saves the state, so it runs before the directory is removed.
      await emulator?.close();
      emulator = undefined;
      rmSync(directory, { recursive: true, force: true });
    });

    test("rejects a path in a missing directory", async () => {
      const path = join(directory, "missing", "s.json");
      const output = capture();
      expect(await runCli(["--port", "0", "--state", path], output)).toBe(2);
      const message = output.stderr.join("");
      expect(message).toContain(
        `--state ${path} is in the directory ${join(directory, "missing")}`,
      );
      expect(message).toContain("does not exist; create the directory first");
      expect(message).not.toContain(".tmp");
      expect(output.stdout).toEqual([]);
    });

    test("rejects a directory", async () => {
      const output = capture();
      expect(await runCli(["--port", "0", "--state", directory], output)).toBe(2);
      const message = output.stderr.join("");
      expect(message).toContain(`--state ${directory} is a directory`);
      expect(message).toContain(`such as ${join(directory, "bailian-state.json")}`);
      expect(output.stdout).toEqual([]);
      expect(readdirSync(directory)).toEqual([]);
    });

    test("rejects a path under a regular file", async () => {
      const file = join(directory, "plain.txt");
      writeFileSync(file, "not a directory");
      const output = capture();
      expect(await runCli(["--state", join(file, "s.json")], output)).toBe(2);
      expect(output.stderr.join("")).toContain(`is in ${file}, which is not a directory`);
    });

    test("startEmulator names stateFile for bad paths", async () => {
      await expect(startEmulator({ stateFile: directory })).rejects.toThrow(
        `Emulator stateFile ${directory} is a directory`,
      );
      const missing = join(directory, "missing", "s.json");
      await expect(startEmulator({ stateFile: missing })).rejects.toThrow(
        `Emulator stateFile ${missing} is in the directory`,
      );
      expect(readdirSync(directory)).toEqual([]);
    });

    test("write failure names the state file", () => {
      const path = join(directory, "missing", "s.json");
      const state = { version: 1 as const, savedAt: 0, counter: 0, workspaces: [] };
      const write = () =>
        writeStateFile(path, {
          ...state,
          categories: [],
          leases: [],
          files: [],
          indices: [],
          jobs: [],
        });
      expect(write).toThrow(`Emulator could not write the state file ${path} (ENOENT)`);
      expect(write).not.toThrow(".tmp");
    });

    test("restart with given keys accepts them", async () => {
      const path = join(directory, "state.json");
      const keys = ["--access-key-id", "LTAIrestart", "--access-key-secret", "restart-secret"];
      const first = await runCli(["--port", "0", "--state", path, ...keys], capture());
      emulator = first as Emulator;
      const workspaceId = emulator.workspaceId;
      await emulator.close();

      const output = capture();
      emulator = (await runCli(["--port", "0", "--state", path, ...keys], output)) as Emulator;
      expect(emulator.workspaceId).toBe(workspaceId);
      const listed = await officialClient(emulator).listIndices(
        workspaceId,
        new $Bailian.ListIndicesRequest({}),
      );
      expect(listed.body!.success).toBe(true);
    });

    test("generated keys survive a restart", async () => {
      const path = join(directory, "state.json");
      emulator = (await runCli(["--port", "0", "--state", path], capture())) as Emulator;
      const { accessKeyId, accessKeySecret, workspaceId } = emulator;
      await emulator.close();

      emulator = (await runCli(["--port", "0", "--state", path], capture())) as Emulator;
      expect(emulator.accessKeyId).toBe(accessKeyId);
      expect(emulator.accessKeySecret).toBe(accessKeySecret);
      const listed = await officialClient(emulator).listIndices(
        workspaceId,
        new $Bailian.ListIndicesRequest({}),
      );
      expect(listed.body!.success).toBe(true);
    });

    test("given keys replace stored keys", async () => {
      const path = join(directory, "state.json");
      emulator = (await runCli(["--port", "0", "--state", path], capture())) as Emulator;
      await emulator.close();

      const keys = ["--access-key-id", "LTAIgiven", "--access-key-secret", "given-secret"];
      emulator = (await runCli(["--port", "0", "--state", path, ...keys], capture())) as Emulator;
      expect(emulator.accessKeyId).toBe("LTAIgiven");
      await emulator.close();

      emulator = (await runCli(["--port", "0", "--state", path], capture())) as Emulator;
      expect(emulator.accessKeyId).toBe("LTAIgiven");
    });
  });
});
