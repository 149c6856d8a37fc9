import type { IndexJobStatus } from "../client/types";
import { countDocuments } from "./documents";
import { evaluatePolicy } from "./policy";
import type { DocumentResult, IndexJobInputs, IndexJobOutputs, JobKind } from "./types";

export const INPUT_KEYS: readonly (keyof IndexJobInputs)[] = [
  "workspaceId",
  "indexId",
  "documents",
  "pollIntervalSeconds",
  "timeoutSeconds",
  "failOn",
  "maxFailedRatio",
  "retryFailedJob",
  "retainDocumentsOnDelete",
  "connection",
];

/** Copies the inputs alone, without `__provider` or any output. */
export function pickInputs(values: IndexJobInputs): IndexJobInputs {
  const inputs: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) {
    if (values[key] !== undefined) {
      inputs[key] = values[key];
    }
  }
  return inputs as unknown as IndexJobInputs;
}

export interface JobFacts {
  jobId: string;
  kind: JobKind;
  adopted: boolean;
  jobStatus: IndexJobStatus;
  indexedDocuments: DocumentResult[];
  /** Set when the job was seen terminal. */
  finishedAt?: string;
}

/** Builds the outputs to record. readyIndexId is set only when the failOn policy accepts the job. */
export function buildOutputs(inputs: IndexJobInputs, facts: JobFacts): IndexJobOutputs {
  const documentCounts = countDocuments(facts.indexedDocuments);
  const verdict = evaluatePolicy(inputs, facts.jobStatus, documentCounts);
  const outputs: IndexJobOutputs = {
    ...pickInputs(inputs),
    jobId: facts.jobId,
    adopted: facts.adopted,
    kind: facts.kind,
    jobStatus: facts.jobStatus,
    indexedDocuments: facts.indexedDocuments,
    documentCounts,
  };
  if (facts.finishedAt !== undefined) {
    outputs.finishedAt = facts.finishedAt;
  }
  if (verdict.ready) {
    outputs.readyIndexId = inputs.indexId;
  }
  return outputs;
}

export function jobKind(inputs: IndexJobInputs): JobKind {
  return inputs.documents ? "append" : "build";
}

export function isTerminal(status: IndexJobStatus): boolean {
  return status === "COMPLETED" || status === "FAILED";
}
