import * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../provider/config";
import type { IndexSettings } from "../provider/resources/knowledge-base-settings";
import { thinProvider } from "./internal/thin-provider";

export type { IndexSettings };

/** Arguments of a {@link KnowledgeBase}. Changing any setting but `deleteOnDestroy` replaces it. */
export interface KnowledgeBaseArgs {
  /** Workspace that contains the knowledge base, such as `llm-abc123`. */
  workspaceId: pulumi.Input<string>;
  /** 1 to 20 Chinese characters, letters, digits and `_ - . :`; unique in the workspace. */
  name: pulumi.Input<string>;
  /** Up to 1000 characters. */
  description?: pulumi.Input<string>;
  /** Source of the documents; inferred from whichever of categoryIds and documentIds is set. */
  sourceType?: pulumi.Input<"DATA_CENTER_CATEGORY" | "DATA_CENTER_FILE">;
  /**
   * Data-center categories to import (DATA_CENTER_CATEGORY). An empty category gives an empty
   * knowledge base.
   */
  categoryIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Data-center file ids to import (DATA_CENTER_FILE); at most 10,000. */
  documentIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** BUILT_IN (default, hosted by Bailian) or ADB (AnalyticDB for PostgreSQL). */
  sinkType?: pulumi.Input<"BUILT_IN" | "ADB">;
  /** AnalyticDB instance id; required with sinkType ADB. */
  sinkInstanceId?: pulumi.Input<string>;
  /** AnalyticDB region; required with sinkType ADB. */
  sinkRegion?: pulumi.Input<string>;
  /** Default `text-embedding-v2`. */
  embeddingModelName?: pulumi.Input<string>;
  /** Characters per chunk, 1 to 6000; default 500. */
  chunkSize?: pulumi.Input<number>;
  /** Characters shared by neighbouring chunks, 0 to 1024 and below chunkSize; default 100. */
  overlapSize?: pulumi.Input<number>;
  separator?: pulumi.Input<string>;
  /** Whether queries are rewritten before retrieval; default true. */
  enableRewrite?: pulumi.Input<boolean>;
  /** `gte-rerank-hybrid` (default) or `gte-rerank`. */
  rerankModelName?: pulumi.Input<string>;
  /** Minimum rerank score of a returned chunk, 0.01 to 1; default 0.01. */
  rerankMinScore?: pulumi.Input<number>;
  /**
   * Id of an existing index to adopt instead of creating one (`pulumi import` does not work for
   * dynamic resources). Settings given here must match the index; unset ones are not checked.
   */
  existingIndexId?: pulumi.Input<string>;
  /** Whether destroy deletes the index: default true, but false for an index adopted by id. */
  deleteOnDestroy?: pulumi.Input<boolean>;
  /**
   * Connection settings: region or endpoint, protocol and profile. Unset fields come from the
   * stack configuration (`bailian:*`) and then the environment.
   */
  connection?: pulumi.Input<ConnectionInputs>;
}

/**
 * A Bailian knowledge base (an unstructured index), made with CreateIndex.
 *
 * The knowledge base is empty until an index job runs: pair it with an `IndexJob` to import the
 * documents and wait until they are searchable. CreateIndex is not idempotent, so creating first
 * looks for an index of the same name: one with matching settings is taken over (it counts as
 * this resource's own, so destroy deletes it), one with other settings is an error. The API cannot
 * change an index, so any setting change replaces it; with an unchanged name the old index is
 * deleted first. A refresh records settings changed outside Pulumi, so the next update replaces
 * the index, and removes the resource from the stack when the index no longer exists.
 */
export class KnowledgeBase extends pulumi.dynamic.Resource {
  declare public readonly indexId: pulumi.Output<string>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly workspaceId: pulumi.Output<string>;
  /** True when `existingIndexId` adopted the index. */
  declare public readonly adopted: pulumi.Output<boolean>;
  /** The index's settings as ListIndices reported them. */
  declare public readonly settings: pulumi.Output<IndexSettings>;

  constructor(name: string, args: KnowledgeBaseArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      thinProvider("KnowledgeBase"),
      name,
      { indexId: undefined, adopted: undefined, settings: undefined, ...args },
      opts,
      "bailian",
      "KnowledgeBase",
    );
  }
}
