// Rejection of top-level input properties a resource does not define, which are usually typos.
import type { CheckFailures } from "./validation";

/** The property in which the SDK serializes a dynamic resource's provider. */
const PROVIDER_PROPERTY = "__provider";

/** Input properties of one resource kind, for {@link checkKnownInputs}. */
export interface KnownInputs {
  /** Resource kind for the message, such as `KnowledgeBase`. */
  kind: string;
  /** Properties a program may set. */
  inputs: readonly string[];
  /** Output-only properties that the SDK class passes, set to undefined, so that they get Outputs. */
  outputs: readonly string[];
}

/**
 * Adds a failure for each top-level property of `news` that is neither an input, an output-only
 * property nor `__provider`. The message lists the accepted inputs and, when only the case differs,
 * names the intended one.
 */
export function checkKnownInputs(
  failures: CheckFailures,
  news: Record<string, unknown>,
  known: KnownInputs,
): void {
  for (const key of Object.keys(news)) {
    if (key === PROVIDER_PROPERTY || known.inputs.includes(key) || known.outputs.includes(key)) {
      continue;
    }
    const sameCase = known.inputs.find((input) => input.toLowerCase() === key.toLowerCase());
    const hint = sameCase === undefined ? "" : ` Did you mean ${sameCase}?`;
    failures.add(
      key,
      `${key} is not an input of ${known.kind}; remove it or use one of ` +
        `${known.inputs.join(", ")}.${hint}`,
    );
  }
}
