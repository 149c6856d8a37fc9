import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { isIP } from "node:net";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { Authenticator } from "./auth";
import { SimulatedClock } from "./clock";
import { createControl } from "./control";
import { EmulatorCore } from "./core";
import { checkJobTiming } from "./jobs";
import { createRequestListener } from "./server";
import { readStateFile } from "./state-file";
import type { Emulator, EmulatorOptions } from "./types";

export type * from "./types";

/** Starts a local Bailian knowledge-base API emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  checkOptions(options, host);
  const timeScale = options.timeScale ?? 1;
  const state = options.stateFile ? readStateFile(options.stateFile) : undefined;
  // A pair given in the options wins. Otherwise the state file's pair is used, so variables
  // exported from an earlier run keep working after a restart.
  const stored = options.accessKeyId === undefined ? state?.credential : undefined;
  const accessKeyId = options.accessKeyId ?? stored?.accessKeyId ?? `LTAI${randomToken(20)}`;
  const accessKeySecret = options.accessKeySecret ?? stored?.accessKeySecret ?? randomToken(30);

  const clock = new SimulatedClock(timeScale);
  const core = new EmulatorCore(clock, options.stateFile);
  if (state) {
    core.store.load(state);
    clock.catchUp(state.savedAt);
  }
  core.store.credential = { accessKeyId, accessKeySecret };
  const workspaceId =
    options.workspaceId ?? state?.workspaces[0]?.id ?? `llm-${randomToken(16).toLowerCase()}`;
  if (!core.store.workspaces.has(workspaceId)) {
    core.store.addWorkspace(workspaceId, false, clock.now());
  }
  core.rateLimiter.enabled = options.rateLimits ?? true;
  if (options.jobTiming) {
    core.jobTiming = { ...options.jobTiming };
  }
  core.resumeParsing();

  const control = createControl(core, workspaceId);
  const authenticator = new Authenticator({
    accessKeyId,
    accessKeySecret,
    securityToken: options.securityToken,
  });
  // NOTE: the service documents no limit on the request line, and a SubmitIndexAddDocumentsJob of
  // 10,000 file ids carries about 300 KB of query, so the emulator accepts up to 1 MiB of headers.
  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES },
    createRequestListener(core, control, authenticator, options.log),
  );
  server.keepAliveTimeout = 5_000;
  server.on("clientError", (error: NodeJS.ErrnoException, socket) =>
    rejectUnparsable(error, socket),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });

  const port = (server.address() as AddressInfo).port;
  const hostPort = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  const endpoint = `http://${hostPort}`;
  core.endpoint = endpoint;
  core.save();
  return {
    endpoint,
    host: hostPort,
    port,
    workspaceId,
    accessKeyId,
    accessKeySecret,
    env: {
      BAILIAN_ENDPOINT: endpoint,
      BAILIAN_WORKSPACE_ID: workspaceId,
      ALIBABA_CLOUD_ACCESS_KEY_ID: accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: accessKeySecret,
      ...(options.securityToken ? { ALIBABA_CLOUD_SECURITY_TOKEN: options.securityToken } : {}),
    },
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        try {
          // Saving records the simulated clock, so time moved by advance() survives a restart.
          core.save();
        } finally {
          // A failed save still frees the port; its error rejects close().
          core.closed = true;
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }
      }),
  };
}

/** Largest request line plus headers the emulator parses. */
export const MAX_HEADER_BYTES = 1024 * 1024;

// Requests node:http cannot parse (for example a request line and headers above MAX_HEADER_BYTES)
// still get a JSON error body, as every reply of the emulator does.
function rejectUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    Code: "InvalidParameter",
    Message: tooLarge
      ? "The request line and headers exceed 1 MiB; send long id lists through a category instead of the query."
      : `The HTTP request could not be parsed: ${error.message}.`,
    Success: false,
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
      `content-type: application/json;charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function checkOptions(options: EmulatorOptions, host: string): void {
  if (!isLoopback(host)) {
    throw new Error(
      `Emulator host ${JSON.stringify(host)} is not a loopback address; use 127.0.0.1 or ::1.`,
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `Emulator port ${port} is invalid; use a whole number from 0 to 65535 (0 picks a free port).`,
    );
  }
  const scale = options.timeScale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(
      `Emulator timeScale ${scale} is invalid; use a positive number of simulated seconds per real second.`,
    );
  }
  if (
    (options.accessKeyId === undefined) !== (options.accessKeySecret === undefined) &&
    options.securityToken
  ) {
    throw new Error(
      "Emulator securityToken needs both accessKeyId and accessKeySecret of the STS credential.",
    );
  }
  if (options.workspaceId !== undefined && !/^[A-Za-z0-9._~-]+$/.test(options.workspaceId)) {
    throw new Error(
      `Emulator workspaceId ${JSON.stringify(options.workspaceId)} is invalid; use letters, digits, ., _, ~ or -.`,
    );
  }
  if (options.jobTiming) {
    checkJobTiming(options.jobTiming);
  }
}

function isLoopback(host: string): boolean {
  if (host === "localhost" || host === "::1") {
    return true;
  }
  return isIP(host) === 4 && host.startsWith("127.");
}

function randomToken(length: number): string {
  return randomBytes(length).toString("base64url").replace(/[-_]/g, "x").slice(0, length);
}
