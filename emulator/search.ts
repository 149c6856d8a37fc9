import MiniSearch from "minisearch";

// Chunking and full-text ranking for Retrieve. Chunks are character windows of `chunkSize`
// with `overlapSize` characters shared between neighbours; ranking is BM25 from minisearch.

export interface Chunk {
  id: string;
  jobId: string;
  /** Position of the document in its job. */
  position: number;
  documentId: string;
  documentName: string;
  chunkIndex: number;
  text: string;
}

export interface ScoredChunk extends Chunk {
  /** Relevance from 0 to 1. */
  score: number;
}

/** Splits text into windows of `chunkSize` characters that overlap by `overlapSize`. */
export function chunkText(text: string, chunkSize: number, overlapSize: number): string[] {
  const characters = Array.from(text.trim());
  if (characters.length === 0) {
    return [];
  }
  const step = Math.max(1, chunkSize - overlapSize);
  const chunks: string[] = [];
  for (let start = 0; start < characters.length; start += step) {
    chunks.push(characters.slice(start, start + chunkSize).join(""));
    if (start + chunkSize >= characters.length) {
      break;
    }
  }
  return chunks;
}

// Han characters become one token each, because Chinese text has no spaces between words.
const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

export function tokenize(text: string): string[] {
  return (text.match(TOKEN) ?? []).map((token) => token.toLowerCase());
}

/** A full-text index of chunks. */
export class ChunkSearch {
  private readonly engine = new MiniSearch<Chunk>({
    fields: ["text"],
    storeFields: ["jobId", "position", "documentId", "documentName", "chunkIndex", "text"],
    tokenize,
    processTerm: (term) => term.toLowerCase(),
  });

  add(chunks: Chunk[]): void {
    this.engine.addAll(chunks);
  }

  /**
   * Ranks chunks for `query`. A score is the BM25 score relative to the best chunk, times the
   * share of the distinct query terms the chunk contains, so it falls between 0 and 1.
   */
  search(query: string, accept: (chunk: Chunk) => boolean): ScoredChunk[] {
    const queryTerms = new Set(tokenize(query));
    if (queryTerms.size === 0) {
      return [];
    }
    const results = this.engine
      .search(query, { combineWith: "OR" })
      .map((result) => ({ result, chunk: result as unknown as Chunk & { id: string } }))
      .filter(({ chunk }) => accept(chunk));
    const best = results[0]?.result.score ?? 0;
    const scored = results.map(({ result, chunk }) => {
      const coverage = new Set(result.queryTerms).size / queryTerms.size;
      const score = best > 0 ? (result.score / best) * coverage : 0;
      return {
        id: String(result.id),
        jobId: chunk.jobId,
        position: chunk.position,
        documentId: chunk.documentId,
        documentName: chunk.documentName,
        chunkIndex: chunk.chunkIndex,
        text: chunk.text,
        score: Math.round(Math.min(1, score) * 10_000) / 10_000,
      };
    });
    return scored.sort((a, b) => b.score - a.score);
  }
}
