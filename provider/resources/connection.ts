// Helpers for the `connection` input: whether it reaches the local emulator, and which service
// it names.
import { isLoopbackEndpoint } from "../client";
import { resolveConnection, type ConnectionInputs } from "../config";

/**
 * Tells whether the resource talks to a loopback endpoint (the local emulator), looking at its
 * `connection` input, the stack configuration and the environment.
 */
export function usesLoopbackEndpoint(connection: ConnectionInputs | undefined): boolean {
  return isLoopbackEndpoint(resolveConnection(connection).endpoint);
}

/**
 * Renders the `connection` fields that choose which service a resource lives in, so `diff` can
 * replace the resource when they change. Profile and protocol changes do not move a resource.
 */
export function connectionTarget(connection: ConnectionInputs | undefined): string {
  return JSON.stringify([connection?.endpoint ?? null, connection?.region ?? null]);
}
