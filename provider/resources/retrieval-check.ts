// Provider of the RetrievalCheck resource: a Retrieve call that must return enough nodes.
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../config";
import type { RetrieveRequest } from "../client/types";
import {
  CheckFailures,
  checkBoolean,
  checkId,
  checkNumber,
  checkString,
  isUnknown,
  checkConnection,
} from "../validation";
import { WorkspaceApi } from "./api";
import { diffInputs, pickDefined } from "./diff";
import { RetrievalCheckFailedError } from "./errors";
import { checkKnownInputs } from "../known-inputs";

/** Inputs of a RetrievalCheck after `check`. */
export interface RetrievalCheckInputs {
  workspaceId: string;
  indexId: string;
  query: string;
  minResults: number;
  rerankTopN: number;
  enableReranking?: boolean;
  rerankMinScore?: number;
  denseSimilarityTopK?: number;
  sparseSimilarityTopK?: number;
  /** Characters kept of each node's text in the outputs. */
  maxTextLength: number;
  connection?: ConnectionInputs;
}

/** One retrieved node as recorded: its text cut to `maxTextLength` and its score. */
export interface RetrievedNode {
  text: string;
  score: number;
}

/** State recorded for a RetrievalCheck. */
export interface RetrievalCheckOutputs extends RetrievalCheckInputs {
  resultCount: number;
  nodes: RetrievedNode[];
  /** When the check last ran, as an ISO 8601 time. */
  checkedAt: string;
}

const DEFAULTS = { minResults: 1, rerankTopN: 5, maxTextLength: 200 } as const;
const INPUT_KEYS = [
  "workspaceId",
  "indexId",
  "query",
  "minResults",
  "rerankTopN",
  "enableReranking",
  "rerankMinScore",
  "denseSimilarityTopK",
  "sparseSimilarityTopK",
  "maxTextLength",
];

function checkRetrieval(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const failures = new CheckFailures();
  checkKnownInputs(failures, news, {
    kind: "RetrievalCheck",
    inputs: [...INPUT_KEYS, "connection"],
    outputs: ["resultCount", "nodes", "checkedAt"],
  });
  checkId(failures, "workspaceId", news.workspaceId);
  checkId(failures, "indexId", news.indexId);
  checkString(failures, "query", news.query, { required: true });
  checkNumber(failures, "minResults", news.minResults, { min: 1, max: 200, integer: true });
  checkNumber(failures, "rerankTopN", news.rerankTopN, { min: 1, max: 20, integer: true });
  checkBoolean(failures, "enableReranking", news.enableReranking);
  checkNumber(failures, "rerankMinScore", news.rerankMinScore, { min: 0.01, max: 1 });
  for (const key of ["denseSimilarityTopK", "sparseSimilarityTopK"]) {
    checkNumber(failures, key, news[key], { min: 0, max: 100, integer: true });
  }
  checkNumber(failures, "maxTextLength", news.maxTextLength, { min: 1, max: 10000, integer: true });
  checkConnection(failures, news.connection);

  const inputs: Record<string, unknown> = { ...DEFAULTS, ...pickDefined(news) };
  const { minResults, rerankTopN } = inputs;
  const numbers = typeof minResults === "number" && typeof rerankTopN === "number";
  if (numbers && news.enableReranking !== false && !isUnknown(news.enableReranking)) {
    if (minResults > rerankTopN) {
      failures.add(
        "minResults",
        `minResults is ${minResults}, but reranking returns at most rerankTopN (${rerankTopN}) ` +
          "nodes; lower minResults or raise rerankTopN",
      );
    }
  }
  return { inputs, failures: failures.failures };
}

function retrieveRequest(inputs: RetrievalCheckInputs): RetrieveRequest {
  return pickDefined({
    IndexId: inputs.indexId,
    Query: inputs.query,
    RerankTopN: inputs.rerankTopN,
    EnableReranking: inputs.enableReranking,
    RerankMinScore: inputs.rerankMinScore,
    DenseSimilarityTopK: inputs.denseSimilarityTopK,
    SparseSimilarityTopK: inputs.sparseSimilarityTopK,
  });
}

/** Runs the retrieval and fails when fewer than `minResults` nodes come back. */
async function runCheck(inputs: RetrievalCheckInputs): Promise<RetrievalCheckOutputs> {
  const api = new WorkspaceApi(inputs.workspaceId, inputs.connection);
  const data = await api.retrieve(retrieveRequest(inputs));
  const found = data.Nodes ?? [];
  if (found.length < inputs.minResults) {
    throw new RetrievalCheckFailedError(
      inputs.workspaceId,
      inputs.indexId,
      inputs.query,
      found.length,
      inputs.minResults,
    );
  }
  const nodes = found.map((node) => ({
    text: [...(node.Text ?? "")].slice(0, inputs.maxTextLength).join(""),
    score: node.Score,
  }));
  return { ...inputs, resultCount: found.length, nodes, checkedAt: new Date().toISOString() };
}

/**
 * The RetrievalCheck provider. It owns no cloud object: create and update run the check, delete
 * does nothing, and a refresh keeps the recorded result without calling the API.
 */
export const retrievalCheckProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return checkRetrieval(news);
  },

  async diff(_id, olds, news) {
    return diffInputs(olds, news, { replaceKeys: [], updateKeys: INPUT_KEYS });
  },

  async create(inputs) {
    return { id: randomUUID(), outs: await runCheck(inputs as RetrievalCheckInputs) };
  },

  async read(id, props) {
    return { id, props };
  },

  async update(_id, _olds, news) {
    return { outs: await runCheck(news as RetrievalCheckInputs) };
  },

  async delete() {
    // Nothing to delete: the check created nothing in Bailian.
  },
};
