import type { IndexRecord } from "../model";
import { ChunkSearch, chunkText, type Chunk } from "../search";
import type { OperationContext } from "./context";
import { latestDocuments, viewOf } from "./indices";

/** Retrieve: POST /{WorkspaceId}/index/retrieve; ranks chunks of the index's FINISH documents. */
export function retrieve(context: OperationContext) {
  const { core, workspace, params } = context;
  const index = core.store.index(workspace.id, params.requiredString("IndexId"));
  const query = params.requiredString("Query");
  const dense = params.integer("DenseSimilarityTopK", { min: 0, max: 100 }) ?? 100;
  const sparse = params.integer("SparseSimilarityTopK", { min: 0, max: 100 }) ?? 100;
  if (dense + sparse > 200) {
    throw params.invalid(
      `Parameters DenseSimilarityTopK and SparseSimilarityTopK are invalid: their sum ${dense + sparse} exceeds 200.`,
    );
  }
  const reranking = params.boolean("EnableReranking") ?? true;
  const rerankTopN = params.integer("RerankTopN", { min: 1, max: 20 }) ?? 5;
  const minScore = params.number("RerankMinScore", { min: 0.01, max: 1 }) ?? index.rerankMinScore;
  params.boolean("EnableRewrite");
  params.boolean("SaveRetrieverHistory");
  ["Rerank", "Rewrite", "SearchFilters", "QueryHistory", "Extra"].forEach((name) =>
    params.json(name),
  );

  const latest = latestDocuments(context, index);
  const accept = (chunk: Chunk) => {
    const entry = latest.get(chunk.documentId);
    return (
      entry !== undefined &&
      entry.job.id === chunk.jobId &&
      entry.position === chunk.position &&
      viewOf(context, index, entry).status === "FINISH"
    );
  };
  const ranked = searchFor(context, index).search(query, accept);
  const limit = reranking ? rerankTopN : Math.max(dense, sparse);
  const nodes = ranked
    .filter((chunk) => !reranking || chunk.score >= minScore)
    .slice(0, limit)
    .map((chunk) => ({
      Text: chunk.text,
      Score: chunk.score,
      Metadata: {
        doc_id: chunk.documentId,
        doc_name: chunk.documentName,
        chunk_index: chunk.chunkIndex,
        workspace_id: workspace.id,
        index_id: index.id,
      },
    }));
  return { Nodes: nodes };
}

/** Returns the search index of a knowledge base, rebuilding it from its jobs after a new job. */
function searchFor({ core }: OperationContext, index: IndexRecord): ChunkSearch {
  const jobs = core.store.jobsOfIndex(index.id);
  const jobIds = jobs.map((job) => job.id).join(",");
  const cached = core.searchCache.get(index.id);
  if (cached && cached.jobIds === jobIds) {
    return cached.search;
  }
  const search = new ChunkSearch();
  for (const job of jobs) {
    job.documents.forEach((document, position) => {
      if (document.text === undefined) {
        return;
      }
      const pieces = chunkText(document.text, job.chunkSize, job.overlapSize);
      search.add(
        pieces.map((text, chunkIndex) => ({
          id: `${job.id}:${position}:${chunkIndex}`,
          jobId: job.id,
          position,
          documentId: document.id,
          documentName: document.name,
          chunkIndex,
          text,
        })),
      );
    });
  }
  core.searchCache.set(index.id, { jobIds, search });
  return search;
}
