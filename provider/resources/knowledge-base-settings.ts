// The settings of an index as ListIndices reports them, and their comparison with the inputs.
import type { IndexSummary } from "../client/types";
import { sameValue } from "./diff";
import type { KnowledgeBaseInputs } from "./knowledge-base-inputs";

/** Settings of an index as recorded from ListIndices; empty fields were not reported. */
export interface IndexSettings {
  name: string;
  description: string;
  structureType: string;
  sourceType: string;
  sinkType: string;
  sinkInstanceId?: string;
  sinkRegion?: string;
  embeddingModelName: string;
  rerankModelName: string;
  rerankMinScore?: number;
  chunkSize?: number;
  overlapSize?: number;
  separator: string;
  enableRewrite?: boolean;
  documentIds: string[];
}

function optionalNumber(value: unknown): number | undefined {
  const number = typeof value === "string" && value !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

/** Converts a ListIndices entry; RerankMinScore arrives as a string and becomes a number. */
export function settingsOf(index: IndexSummary): IndexSettings {
  return {
    name: index.Name,
    description: index.Description ?? "",
    structureType: index.StructureType ?? "",
    sourceType: index.SourceType ?? "",
    sinkType: index.SinkType ?? "",
    sinkInstanceId: index.SinkInstanceId || undefined,
    sinkRegion: index.SinkRegion || undefined,
    embeddingModelName: index.EmbeddingModelName ?? "",
    rerankModelName: index.RerankModelName ?? "",
    rerankMinScore: optionalNumber(index.RerankMinScore),
    chunkSize: optionalNumber(index.ChunkSize),
    overlapSize: optionalNumber(index.OverlapSize),
    separator: index.Separator ?? "",
    enableRewrite: typeof index.EnableRewrite === "boolean" ? index.EnableRewrite : undefined,
    documentIds: index.DocumentIds ?? [],
  };
}

/** Input names that ListIndices reports, so an existing index can be compared with the inputs. */
const COMPARED_SETTINGS = [
  "description",
  "sourceType",
  "sinkType",
  "sinkInstanceId",
  "sinkRegion",
  "embeddingModelName",
  "rerankModelName",
  "rerankMinScore",
  "chunkSize",
  "overlapSize",
  "separator",
  "enableRewrite",
  "documentIds",
] as const;

function isReported(value: unknown): boolean {
  return value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
}

function sameSetting(key: string, expected: unknown, actual: unknown): boolean {
  if (key === "documentIds" && Array.isArray(expected) && Array.isArray(actual)) {
    return sameValue([...expected].sort(), [...actual].sort());
  }
  return sameValue(expected, actual);
}

/**
 * Lists the inputs that differ from an existing index, as "chunkSize is 800 there, 500
 * requested". Inputs that are not set, and settings the API did not report, are not compared.
 */
export function settingDifferences(inputs: KnowledgeBaseInputs, settings: IndexSettings): string[] {
  const differences: string[] = [];
  for (const key of COMPARED_SETTINGS) {
    const expected = inputs[key];
    const actual = settings[key];
    if (expected === undefined || !isReported(actual) || sameSetting(key, expected, actual)) {
      continue;
    }
    differences.push(
      `${key} is ${JSON.stringify(actual)} there, ${JSON.stringify(expected)} requested`,
    );
  }
  return differences;
}

/**
 * Returns the inputs with each set value replaced by the value the index reports, so that a
 * refresh records drift made outside Pulumi and the next update shows it.
 */
export function inputsAsRead(
  inputs: KnowledgeBaseInputs,
  settings: IndexSettings,
): KnowledgeBaseInputs {
  const read: Record<string, unknown> = { ...inputs, name: settings.name };
  for (const key of COMPARED_SETTINGS) {
    if (inputs[key] !== undefined && isReported(settings[key])) {
      read[key] = sameSetting(key, inputs[key], settings[key]) ? inputs[key] : settings[key];
    }
  }
  return read as unknown as KnowledgeBaseInputs;
}
