import type { EmulatorControl } from "./types";

// Admin endpoints under /_emulator/ for processes that drive an emulator they did not start in
// their own process (for example the CLI). They need no signature; the server listens only on
// loopback addresses.

export const ADMIN_PREFIX = "/_emulator/";

type AdminHandler = (
  control: EmulatorControl,
  body: Record<string, unknown>,
  query: Map<string, string>,
) => unknown;

const ADMIN_ROUTES: Record<string, AdminHandler> = {
  "GET health": () => ({ ok: true }),
  "GET clock": (control) => ({ now: control.now() }),
  "POST clock/advance": (control, body) => {
    control.advance(Number(body.seconds));
    return { now: control.now() };
  },
  "POST faults": (control, body) => {
    const rules = Array.isArray(body.rules) ? body.rules : [body];
    rules.forEach((rule) => control.injectFault(rule as never));
    return { added: rules.length };
  },
  "DELETE faults": (control) => {
    control.clearFaults();
    return { cleared: true };
  },
  "GET stats": (control) => control.stats(),
  "DELETE stats": (control) => {
    control.resetStats();
    return { reset: true };
  },
  "POST rate-limits": (control, body) => {
    if (typeof body.enabled !== "boolean") {
      throw new Error(`"enabled" must be true or false; got ${JSON.stringify(body.enabled)}.`);
    }
    control.setRateLimits(body.enabled);
    return { enabled: body.enabled };
  },
  "POST job-timing": (control, body) => {
    control.setJobTiming(body);
    return body;
  },
  "POST workspaces": (control, body) => {
    control.addWorkspace(String(body.id ?? ""), { forbidden: body.forbidden === true });
    return { id: body.id };
  },
  "POST jobs/force-failure": (control, body) => {
    control.forceJobFailure(typeof body.indexId === "string" ? body.indexId : undefined);
    return { forced: true };
  },
  "GET jobs": (control, _body, query) => control.jobs(query.get("workspaceId")),
};

/** Runs an admin request; returns undefined when no admin route matches. */
export function handleAdmin(
  control: EmulatorControl,
  method: string,
  path: string,
  body: Buffer,
  query: Map<string, string>,
): { status: number; body: unknown } | undefined {
  const handler = ADMIN_ROUTES[`${method} ${path.slice(ADMIN_PREFIX.length)}`];
  if (!handler) {
    return undefined;
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = body.length > 0 ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
  } catch {
    return {
      status: 400,
      body: { Code: "InvalidParameter", Message: "The admin request body is not valid JSON." },
    };
  }
  try {
    return { status: 200, body: handler(control, parsed, query) };
  } catch (error) {
    return { status: 400, body: { Code: "InvalidParameter", Message: (error as Error).message } };
  }
}
