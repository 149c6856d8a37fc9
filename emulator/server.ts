import type { IncomingMessage, ServerResponse } from "node:http";
import { ADMIN_PREFIX, handleAdmin } from "./admin";
import type { Authenticator } from "./auth";
import type { EmulatorCore } from "./core";
import { ApiError } from "./errors";
import type { FaultRule } from "./faults";
import {
  decodeQuery,
  headerOf,
  mergeParameters,
  newRequestId,
  readBody,
  sendError,
  sendJson,
  sendSuccess,
} from "./http-util";
import { UPLOAD_PATH_PREFIX, receiveUpload } from "./operations/leases";
import { RequestParams } from "./params";
import { route, type Operation } from "./router";
import type { EmulatorControl } from "./types";

export const API_VERSION = "2023-12-29";

interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  requestId: string;
  rawPath: string;
  query: Map<string, string>;
  body: Buffer;
  /** Operation name once known, for the request log. */
  action?: string;
}

/** Builds the node:http request listener: uploads, admin paths, then signed API calls. */
export function createRequestListener(
  core: EmulatorCore,
  control: EmulatorControl,
  authenticator: Authenticator,
  log: ((line: string) => void) | undefined,
) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const started = Date.now();
    const requestId = newRequestId();
    const url = request.url ?? "/";
    const queryStart = url.indexOf("?");
    const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
    const exchange: Exchange = {
      request,
      response,
      requestId,
      rawPath,
      query: new Map(),
      body: Buffer.alloc(0),
    };

    response.on("close", () => {
      const status = response.writableFinished ? response.statusCode : "dropped";
      log?.(
        `${request.method} ${rawPath} ${exchange.action ?? "-"} ${status} ${Date.now() - started}ms`,
      );
    });

    serve(exchange, url.slice(rawPath.length + 1), core, control, authenticator).catch(
      (error: unknown) => {
        if (response.headersSent || response.destroyed) {
          return;
        }
        if (error instanceof ApiError) {
          sendError(response, error, requestId);
          return;
        }
        log?.(
          `internal error in ${exchange.action ?? rawPath}: ${(error as Error).stack ?? String(error)}`,
        );
        sendError(
          response,
          new ApiError("InternalError", "The emulator failed to process the request."),
          requestId,
        );
      },
    );
  };
}

async function serve(
  exchange: Exchange,
  rawQuery: string,
  core: EmulatorCore,
  control: EmulatorControl,
  authenticator: Authenticator,
): Promise<void> {
  const { request, response, rawPath } = exchange;
  exchange.body = await readBody(request);
  exchange.query = decodeQuery(rawQuery);
  const method = request.method ?? "GET";

  if (rawPath.startsWith(UPLOAD_PATH_PREFIX)) {
    exchange.action = "upload";
    if (method !== "PUT") {
      throw new ApiError("InvalidAction.NotFound", `Upload URLs take PUT, not ${method}.`);
    }
    // Lease ids contain only letters, digits and underscores, so the raw segment is the id.
    const leaseId = rawPath.slice(UPLOAD_PATH_PREFIX.length);
    receiveUpload(core, leaseId, exchange.query, request.headers, exchange.body);
    sendJson(response, 200, { RequestId: exchange.requestId, Success: true });
    return;
  }
  if (rawPath.startsWith(ADMIN_PREFIX)) {
    exchange.action = "admin";
    const result = handleAdmin(control, method, rawPath, exchange.body, exchange.query);
    if (!result) {
      throw new ApiError("InvalidAction.NotFound", `No admin endpoint ${method} ${rawPath}.`);
    }
    sendJson(response, result.status, result.body as Record<string, unknown>);
    return;
  }
  await serveApi(exchange, core, authenticator);
}

async function serveApi(
  exchange: Exchange,
  core: EmulatorCore,
  authenticator: Authenticator,
): Promise<void> {
  const { request, response, rawPath, query, body } = exchange;
  const method = request.method ?? "GET";
  const action = headerOf(request, "x-acs-action");
  const { operation, pathParams } = route(action, method, rawPath);
  exchange.action = operation.action;
  const version = headerOf(request, "x-acs-version");
  if (version !== API_VERSION) {
    throw new ApiError(
      "InvalidVersion",
      `x-acs-version ${JSON.stringify(version ?? "")} is not supported; use ${API_VERSION}.`,
    );
  }
  authenticator.verify({ method, rawPath, query, headers: request.headersDistinct, body });
  core.count("requests", operation.action);

  const fault = core.faults.next(operation.action);
  if (fault && (await applyFault(fault, exchange, core))) {
    return;
  }

  const { WorkspaceId: workspaceId, ...otherPathParams } = pathParams;
  const workspace = usableWorkspace(core, operation, workspaceId);
  const now = core.clock.now();
  takeRateToken(core, operation.action, workspaceId, otherPathParams.FileId ?? "", now);

  const params = new RequestParams(mergeParameters(query, request, body), operation.invalidCode);
  const data = await operation.handler({
    core,
    workspace,
    params,
    pathParams: otherPathParams,
    now,
  });
  sendSuccess(response, data, exchange.requestId);
}

function usableWorkspace(core: EmulatorCore, operation: Operation, workspaceId: string) {
  const workspace = core.store.workspaces.get(workspaceId);
  if (!workspace) {
    throw new ApiError(
      "Workspace.NotFound",
      `Workspace ${workspaceId} does not exist; check the workspace id.`,
    );
  }
  if (workspace.forbidden) {
    throw new ApiError(
      operation.forbiddenCode,
      `User not authorized to operate on the specified resource: workspace ${workspaceId}.`,
    );
  }
  return workspace;
}

function takeRateToken(
  core: EmulatorCore,
  action: string,
  workspaceId: string,
  fileId: string,
  now: number,
): void {
  try {
    core.rateLimiter.take(action, workspaceId, fileId, now, (ms) => core.clock.toRealMs(ms));
  } catch (error) {
    core.count("throttled", action);
    throw error;
  }
}

/** Applies an injected fault; returns true when the reply has been sent or the socket dropped. */
async function applyFault(
  fault: FaultRule,
  exchange: Exchange,
  core: EmulatorCore,
): Promise<boolean> {
  const { response, requestId } = exchange;
  switch (fault.kind) {
    case "slow":
      // Unreferenced, so a pending slow reply does not keep a closing process alive.
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000).unref());
      return false;
    case "drop":
      exchange.request.socket.destroy();
      return true;
    case "malformed":
      response.writeHead(200, { "content-type": "application/json;charset=utf-8" });
      response.end("<html><body>502 Bad Gateway</body></html>");
      return true;
    case "throttle":
      core.count("throttled", exchange.action ?? "");
      throw new ApiError("Throttling.User", "Requests throttling triggered.", {
        "x-acs-retry-after": "1000",
      });
    case "server-error": {
      const status = fault.status ?? 503;
      sendJson(response, status, {
        RequestId: requestId,
        Success: false,
        Code: status === 503 ? "ServiceUnavailable" : "InternalError",
        Message: `Injected server error with HTTP status ${status}.`,
        Status: String(status),
      });
      return true;
    }
  }
}
