import * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../provider/config";
import type { RetrievedNode } from "../provider/resources/retrieval-check";
import { thinProvider } from "./internal/thin-provider";

export type { RetrievedNode };

/** Arguments of a {@link RetrievalCheck}. */
export interface RetrievalCheckArgs {
  workspaceId: pulumi.Input<string>;
  /** Knowledge base to query; use an IndexJob's `readyIndexId` so the check waits for the job. */
  indexId: pulumi.Input<string>;
  /** Text to search for. */
  query: pulumi.Input<string>;
  /** Minimum number of nodes for the check to pass; default 1. */
  minResults?: pulumi.Input<number>;
  /** Nodes kept after reranking, 1 to 20; default 5. */
  rerankTopN?: pulumi.Input<number>;
  /** Whether results are reranked; the API's default is true. */
  enableReranking?: pulumi.Input<boolean>;
  /** Minimum rerank score, 0.01 to 1; overrides the knowledge base's setting. */
  rerankMinScore?: pulumi.Input<number>;
  /** Candidates from dense (vector) search, 0 to 100. */
  denseSimilarityTopK?: pulumi.Input<number>;
  /** Candidates from sparse (keyword) search, 0 to 100. */
  sparseSimilarityTopK?: pulumi.Input<number>;
  /** Characters kept of each node's text in the outputs; default 200. */
  maxTextLength?: pulumi.Input<number>;
  connection?: pulumi.Input<ConnectionInputs>;
}

/**
 * A retrieval smoke test: a Retrieve call against a knowledge base that must return at least
 * `minResults` nodes, or the deployment fails with an error naming the index and the query. Make
 * an application depend on it so it is deployed only on a knowledge base that returns results.
 *
 * The check runs on create and again whenever an input changes. It creates nothing in Bailian, so
 * destroy does nothing, and a refresh keeps the recorded result without calling the API.
 */
export class RetrievalCheck extends pulumi.dynamic.Resource {
  /** Number of nodes the query returned. */
  declare public readonly resultCount: pulumi.Output<number>;
  /** The returned nodes, best first, with texts cut to `maxTextLength`. */
  declare public readonly nodes: pulumi.Output<RetrievedNode[]>;
  /** When the check last ran, as an ISO 8601 time. */
  declare public readonly checkedAt: pulumi.Output<string>;

  constructor(name: string, args: RetrievalCheckArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      thinProvider("RetrievalCheck"),
      name,
      { resultCount: undefined, nodes: undefined, checkedAt: undefined, ...args },
      opts,
      "bailian",
      "RetrievalCheck",
    );
  }
}
