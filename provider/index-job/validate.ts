import { checkIndexJob } from "./check";
import { IndexJobInputError } from "./errors";
import type { IndexJobInputs } from "./types";

/**
 * Checks inputs again where they are used and applies the defaults. The engine runs `check`
 * first, so this only catches callers that skip it, such as direct calls in tests.
 */
export async function validInputs(news: Record<string, unknown>): Promise<IndexJobInputs> {
  const result = await checkIndexJob(undefined, news);
  if (result.failures && result.failures.length > 0) {
    throw new IndexJobInputError(result.failures);
  }
  return result.inputs as IndexJobInputs;
}
