// Provider of the KnowledgeBase resource: one Bailian index (CreateIndex, ListIndices,
// DeleteIndex).
import * as pulumi from "@pulumi/pulumi";
import type { CreateIndexRequest, IndexSummary } from "../client/types";
import { isNotFoundError, WorkspaceApi } from "./api";
import { diffInputs, pickDefined } from "./diff";
import { AdoptMismatchError, AdoptTargetNotFoundError, KnowledgeBaseConflictError } from "./errors";
import {
  checkKnowledgeBase,
  CREATE_INDEX_SETTINGS,
  type KnowledgeBaseInputs,
  OUTPUT_ONLY_KEYS,
} from "./knowledge-base-inputs";
import {
  inputsAsRead,
  settingDifferences,
  settingsOf,
  type IndexSettings,
} from "./knowledge-base-settings";

/** State recorded for a KnowledgeBase. */
export interface KnowledgeBaseOutputs extends KnowledgeBaseInputs {
  indexId: string;
  /** True when `existingIndexId` adopted the index; destroy then keeps it unless asked. */
  adopted: boolean;
  /** The index's settings as ListIndices reported them after create, adoption or refresh. */
  settings: IndexSettings;
}

function createIndexRequest(inputs: KnowledgeBaseInputs): CreateIndexRequest {
  return pickDefined({
    Name: inputs.name,
    StructureType: "unstructured" as const,
    SinkType: inputs.sinkType ?? "BUILT_IN",
    SourceType: inputs.sourceType,
    CategoryIds: inputs.categoryIds,
    DocumentIds: inputs.documentIds,
    Description: inputs.description,
    EmbeddingModelName: inputs.embeddingModelName,
    ChunkSize: inputs.chunkSize,
    OverlapSize: inputs.overlapSize,
    Separator: inputs.separator,
    EnableRewrite: inputs.enableRewrite,
    RerankModelName: inputs.rerankModelName,
    RerankMinScore: inputs.rerankMinScore,
    SinkInstanceId: inputs.sinkInstanceId,
    SinkRegion: inputs.sinkRegion,
  });
}

function outputs(inputs: KnowledgeBaseInputs, index: IndexSummary, adopted: boolean) {
  const outs: KnowledgeBaseOutputs = {
    ...inputs,
    indexId: index.Id,
    adopted,
    settings: settingsOf(index),
  };
  return outs;
}

async function adoptIndex(api: WorkspaceApi, inputs: KnowledgeBaseInputs, indexId: string) {
  const index = await api.findIndex(indexId, inputs.name);
  if (!index) {
    throw new AdoptTargetNotFoundError(api.workspaceId, "existingIndexId", indexId);
  }
  const differences = settingDifferences(inputs, settingsOf(index));
  if (index.Name !== inputs.name) {
    differences.unshift(
      `name is ${JSON.stringify(index.Name)} there, ${JSON.stringify(inputs.name)} requested`,
    );
  }
  if (differences.length > 0) {
    throw new AdoptMismatchError(api.workspaceId, "existingIndexId", index.Id, differences);
  }
  return { id: index.Id, outs: outputs(inputs, index, true) };
}

/**
 * Finds the index of the requested name, or creates it. CreateIndex is not idempotent, so an index
 * of the same name is used instead of making a second one: that also covers a create retried after
 * the engine stopped before recording the id. Such an index counts as this resource's own.
 */
async function findOrCreateIndex(api: WorkspaceApi, inputs: KnowledgeBaseInputs) {
  const existing = await api.listIndices(inputs.name);
  const sameName = existing.filter((index) => index.Name === inputs.name);
  if (sameName.length === 0) {
    const indexId = await api.createIndex(createIndexRequest(inputs));
    const created = await api.findIndex(indexId, inputs.name);
    // NOTE: if ListIndices does not list a new index at once, the outputs record the inputs.
    const summary = created ?? ({ Id: indexId, Name: inputs.name } as IndexSummary);
    return { id: indexId, outs: outputs(inputs, summary, false) };
  }

  const index = sameName[0];
  const differences = settingDifferences(inputs, settingsOf(index));
  if (differences.length > 0) {
    throw new KnowledgeBaseConflictError(api.workspaceId, index.Id, index.Name, differences);
  }
  pulumi.log.warn(
    `Knowledge base "${inputs.name}" already exists in workspace ${api.workspaceId} (index ` +
      `${index.Id}) with the requested settings; this resource now manages it and deletes it on ` +
      "destroy. Set existingIndexId instead to keep it on destroy.",
  );
  return { id: index.Id, outs: outputs(inputs, index, false) };
}

async function readIndex(
  id: string,
  props: KnowledgeBaseOutputs,
): Promise<pulumi.dynamic.ReadResult> {
  const api = new WorkspaceApi(props.workspaceId, props.connection);
  const index = await api.findIndex(id, props.name);
  if (!index) {
    // A result without an id makes a refresh remove the index from the state.
    return {};
  }
  const inputs = Object.fromEntries(
    Object.entries(props).filter(([key]) => !OUTPUT_ONLY_KEYS.includes(key)),
  ) as unknown as KnowledgeBaseInputs;
  // Settings changed outside Pulumi go into both the state and the inputs, so the next diff
  // compares them with the program and replaces the index.
  const settings = settingsOf(index);
  const read = inputsAsRead(inputs, settings);
  return {
    id,
    props: { ...read, indexId: id, adopted: props.adopted, settings },
    inputs: read,
  };
}

async function deleteIndex(id: string, props: KnowledgeBaseOutputs): Promise<void> {
  if (!(props.deleteOnDestroy ?? !props.adopted)) {
    pulumi.log.info(
      `Knowledge base "${props.name}" (${id}) stays in workspace ${props.workspaceId}: it was ` +
        "adopted, and deleteOnDestroy is not set.",
    );
    return;
  }
  const api = new WorkspaceApi(props.workspaceId, props.connection);
  try {
    await api.deleteIndex(id);
  } catch (error) {
    if (!isNotFoundError(error)) {
      throw error;
    }
  }
}

/** The KnowledgeBase provider. */
export const knowledgeBaseProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    const { inputs, failures } = checkKnowledgeBase(news);
    return { inputs, failures: failures.failures };
  },

  async diff(_id, olds, news) {
    return diffInputs(olds, news, {
      replaceKeys: ["workspaceId", "name", "existingIndexId", ...CREATE_INDEX_SETTINGS],
      updateKeys: ["deleteOnDestroy"],
      // The replacement would find the old index by its name, so the old one must go first.
      deleteBeforeReplace: (o, n) => o.name === n.name && o.workspaceId === n.workspaceId,
    });
  },

  async create(props) {
    const inputs = props as KnowledgeBaseInputs;
    const api = new WorkspaceApi(inputs.workspaceId, inputs.connection);
    if (inputs.existingIndexId !== undefined) {
      return adoptIndex(api, inputs, inputs.existingIndexId);
    }
    return findOrCreateIndex(api, inputs);
  },

  async read(id, props) {
    return readIndex(id, props as KnowledgeBaseOutputs);
  },

  async update(_id, olds, news) {
    // Only deleteOnDestroy and the connection's profile or protocol change in place; none needs
    // a request, so the recorded index stays as it is.
    const old = olds as KnowledgeBaseOutputs;
    const outs: KnowledgeBaseOutputs = {
      ...(news as KnowledgeBaseInputs),
      indexId: old.indexId,
      adopted: old.adopted,
      settings: old.settings,
    };
    return { outs };
  },

  async delete(id, props) {
    await deleteIndex(id, props as KnowledgeBaseOutputs);
  },
};
