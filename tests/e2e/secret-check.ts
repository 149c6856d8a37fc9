// Checks that the AccessKey secret of a stack's emulator appears in none of the places a user
// or a CI log could read: the state file, the serialized providers, the outputs and the logs.
import type { ExampleStack } from "./example-stack";

/**
 * The marker the engine writes in place of a known secret. A line that contains it had the
 * secret in it before the engine redacted it, so the marker counts as a leak too.
 */
const REDACTION_MARKER = "[secret]";

function leaks(text: string, secret: string): boolean {
  return text.includes(secret) || text.includes(REDACTION_MARKER);
}

export function expectStateWithoutSecret(stack: ExampleStack): void {
  const secret = stack.emulator.accessKeySecret;
  expect(stack.stateTexts.length).toBeGreaterThan(0);

  const providers: string[] = [];
  for (const text of stack.stateTexts) {
    expect(text.includes(secret)).toBe(false);
    const state = JSON.parse(text) as { resources: { inputs: Record<string, unknown> }[] };
    for (const resource of state.resources) {
      if (typeof resource.inputs.__provider === "string") {
        providers.push(resource.inputs.__provider);
      }
    }
  }
  // A credential captured by a provider object would land in its serialized text.
  expect(providers.length).toBeGreaterThan(0);
  expect(providers.filter((provider) => provider.includes(secret))).toEqual([]);

  // Outputs come back decrypted, so a secret stored encrypted would show here.
  for (const result of stack.results) {
    expect(JSON.stringify(result.resources).includes(secret)).toBe(false);
    expect(JSON.stringify(result.outputs).includes(secret)).toBe(false);
  }
}

export function expectLogsWithoutSecret(stack: ExampleStack): void {
  const secret = stack.emulator.accessKeySecret;
  // The plugin's own lines must be among those checked, or the check proves nothing about it.
  expect(stack.logLines.some((line) => line.startsWith("[plugin]"))).toBe(true);

  expect(stack.logLines.filter((line) => leaks(line, secret))).toEqual([]);
  for (const result of stack.results) {
    expect(result.log.filter((line) => leaks(line, secret))).toEqual([]);
    expect(leaks(result.error ?? "", secret)).toBe(false);
  }
}
