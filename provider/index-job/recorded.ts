import { checkIndexJob } from "./check";
import { pickInputs } from "./outputs";
import type { IndexJobInputs, IndexJobOutputs } from "./types";

/**
 * Extracts the inputs from recorded outputs, with defaults for fields that older versions did not
 * record. A recorded value that `check` now rejects is used as it is, not reported as an error.
 */
export async function recordedInputs(props: IndexJobOutputs): Promise<IndexJobInputs> {
  const inputs = pickInputs(props) as unknown as Record<string, unknown>;
  const result = await checkIndexJob(undefined, inputs);
  return (result.failures?.length ? inputs : result.inputs) as IndexJobInputs;
}
