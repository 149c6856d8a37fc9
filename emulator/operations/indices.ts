import type { DocumentSourceType } from "../../provider/client/types";
import { documentView, type DocumentView } from "../jobs";
import type { IndexRecord, JobRecord } from "../model";
import type { RequestParams } from "../params";
import type { OperationContext } from "./context";

/** Maximum files one CreateIndex or job may name, as the API reference gives for CreateIndex. */
export const MAX_SOURCE_IDS = 10_000;
const SOURCE_TYPES: readonly DocumentSourceType[] = ["DATA_CENTER_CATEGORY", "DATA_CENTER_FILE"];
const INDEX_NAME = /^[\p{Script=Han}A-Za-z0-9_\-.:]+$/u;

/** Reads ChunkSize and OverlapSize with their ranges; OverlapSize must stay below ChunkSize. */
export function readChunking(
  params: RequestParams,
  defaults: { chunkSize: number; overlapSize: number },
) {
  const chunkSize = params.integer("ChunkSize", { min: 1, max: 6000 }) ?? defaults.chunkSize;
  const overlapSize = params.integer("OverlapSize", { min: 0, max: 1024 }) ?? defaults.overlapSize;
  if (overlapSize >= chunkSize) {
    throw params.invalid(
      `Parameter OverlapSize is invalid: ${overlapSize} must be smaller than ChunkSize ${chunkSize}; pass a smaller OverlapSize.`,
    );
  }
  return { chunkSize, overlapSize };
}

/** Reads SourceType with the id list it requires. */
export function readSources(context: OperationContext, required: boolean) {
  const { params, core, workspace } = context;
  const sourceType = params.string("SourceType", { required, oneOf: SOURCE_TYPES }) as
    DocumentSourceType | undefined;
  const documentIds = params.stringList("DocumentIds", sourceType === "DATA_CENTER_FILE") ?? [];
  const categoryIds = params.stringList("CategoryIds", sourceType === "DATA_CENTER_CATEGORY") ?? [];
  for (const [name, ids] of [
    ["DocumentIds", documentIds],
    ["CategoryIds", categoryIds],
  ] as const) {
    if (ids.length > MAX_SOURCE_IDS) {
      throw params.invalid(
        `Parameter ${name} is invalid: ${ids.length} ids given, at most ${MAX_SOURCE_IDS} are allowed.`,
      );
    }
  }
  if (sourceType === "DATA_CENTER_CATEGORY") {
    categoryIds.forEach((id) => core.store.category(workspace.id, id));
  }
  return { sourceType, documentIds, categoryIds };
}

/** CreateIndex: POST /{WorkspaceId}/index/create, all parameters in the query. */
export function createIndex(context: OperationContext) {
  const { core, workspace, params, now } = context;
  const name = params.requiredString("Name", {
    maxLength: 20,
    pattern: INDEX_NAME,
    patternHint: "use Chinese characters, letters, digits, _ - . or :",
  });

  const structureType = params.requiredString("StructureType", { oneOf: ["unstructured"] });
  const sinkType = params.requiredString("SinkType", { oneOf: ["BUILT_IN", "ADB"] });
  const adb = sinkType === "ADB";
  const sinkInstanceId = params.string("SinkInstanceId", { required: adb }) ?? "";
  const sinkRegion = params.string("SinkRegion", { required: adb }) ?? "";

  const { sourceType, documentIds, categoryIds } = readSources(context, false);
  const chunking = readChunking(params, { chunkSize: 500, overlapSize: 100 });
  params.json("metaExtractColumns");

  const index: IndexRecord = {
    id: core.store.newId("idx"),
    workspaceId: workspace.id,
    name,
    description: params.string("Description", { maxLength: 1000 }) ?? "",
    structureType,
    sinkType,
    sinkInstanceId,
    sinkRegion,
    sourceType,
    categoryIds,
    documentIds,
    ...chunking,
    separator: params.string("Separator") ?? "",
    embeddingModelName:
      params.string("EmbeddingModelName", {
        pattern: /^text-embedding-v\d$/,
        patternHint: "expected a model such as text-embedding-v2",
      }) ?? "text-embedding-v2",
    rerankModelName:
      params.string("RerankModelName", { oneOf: ["gte-rerank-hybrid", "gte-rerank"] }) ??
      "gte-rerank-hybrid",
    rerankMinScore: params.number("RerankMinScore", { min: 0.01, max: 1 }) ?? 0.01,
    enableRewrite: params.boolean("EnableRewrite") ?? true,
    createdAt: now,
    deletedDocuments: {},
  };
  core.store.indices.set(index.id, index);
  core.save();
  return { Id: index.id };
}

/** ListIndices: GET /{WorkspaceId}/index/list_indices, page-number paging in creation order. */
export function listIndices({ core, workspace, params }: OperationContext) {
  const name = params.string("IndexName");
  const pageNumber = params.integer("PageNumber", { min: 1 }) ?? 1;
  const pageSize = params.integer("PageSize", { min: 1 }) ?? 10;
  const matching = [...core.store.indices.values()].filter(
    (index) => index.workspaceId === workspace.id && (name === undefined || index.name === name),
  );
  const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    Indices: page.map((index) => ({
      Id: index.id,
      Name: index.name,
      Description: index.description,
      StructureType: index.structureType,
      SourceType: index.sourceType ?? "",
      SinkType: index.sinkType,
      SinkInstanceId: index.sinkInstanceId,
      SinkRegion: index.sinkRegion,
      EmbeddingModelName: index.embeddingModelName,
      RerankModelName: index.rerankModelName,
      RerankMinScore: String(index.rerankMinScore),
      ChunkSize: index.chunkSize,
      OverlapSize: index.overlapSize,
      Separator: index.separator,
      EnableRewrite: index.enableRewrite,
      DocumentIds: index.documentIds,
    })),
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: matching.length,
  };
}

/** DeleteIndex: POST /{WorkspaceId}/index/delete; the response has no Data. */
export function deleteIndex({ core, workspace, params }: OperationContext) {
  const index = core.store.index(workspace.id, params.requiredString("IndexId"));
  core.store.deleteIndex(index.id);
  core.searchCache.delete(index.id);
  core.save();
  return undefined;
}

export interface IndexedDocument {
  job: JobRecord;
  position: number;
}

/** Maps each document of an index to its latest job entry, in order of first appearance. */
export function latestDocuments(context: OperationContext, index: IndexRecord) {
  const latest = new Map<string, IndexedDocument>();
  for (const job of context.core.store.jobsOfIndex(index.id)) {
    job.documents.forEach((document, position) => latest.set(document.id, { job, position }));
  }
  return latest;
}

export function viewOf(
  context: OperationContext,
  index: IndexRecord,
  entry: IndexedDocument,
): DocumentView {
  return documentView(entry.job, entry.position, index, context.now);
}
