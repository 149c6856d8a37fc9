// Inputs of the KnowledgeBase resource, their defaults and their checks.
import type { ConnectionInputs } from "../config";
import type { DocumentSourceType, SinkType } from "../client/types";
import {
  CheckFailures,
  checkBoolean,
  checkEnum,
  checkId,
  checkNumber,
  checkString,
  containsUnknown,
  describeValue,
  ID_PATTERN,
  isUnknown,
  checkConnection,
} from "../validation";
import { checkKnownInputs, type KnownInputs } from "../known-inputs";

/** Inputs of a KnowledgeBase after `check`. Settings are optional only when adopting an index. */
export interface KnowledgeBaseInputs {
  workspaceId: string;
  name: string;
  description?: string;
  sourceType?: DocumentSourceType;
  categoryIds?: string[];
  documentIds?: string[];
  sinkType?: SinkType;
  sinkInstanceId?: string;
  sinkRegion?: string;
  embeddingModelName?: string;
  chunkSize?: number;
  overlapSize?: number;
  separator?: string;
  enableRewrite?: boolean;
  rerankModelName?: string;
  rerankMinScore?: number;
  /** Id of an existing index to adopt instead of creating one. */
  existingIndexId?: string;
  /** Whether destroy deletes the index; defaults to false for an adopted index, else true. */
  deleteOnDestroy?: boolean;
  connection?: ConnectionInputs;
}

/** Inputs that CreateIndex fixes: the API has no operation to change them later. */
export const CREATE_INDEX_SETTINGS = [
  "description",
  "sourceType",
  "categoryIds",
  "documentIds",
  "sinkType",
  "sinkInstanceId",
  "sinkRegion",
  "embeddingModelName",
  "chunkSize",
  "overlapSize",
  "separator",
  "enableRewrite",
  "rerankModelName",
  "rerankMinScore",
] as const;

/** Defaults of CreateIndex, as the API reference documents them. */
export const INDEX_DEFAULTS = {
  sinkType: "BUILT_IN",
  embeddingModelName: "text-embedding-v2",
  chunkSize: 500,
  overlapSize: 100,
  enableRewrite: true,
  rerankModelName: "gte-rerank-hybrid",
  rerankMinScore: 0.01,
} as const;

/** Properties of a KnowledgeBase's state that are not inputs. */
export const OUTPUT_ONLY_KEYS: readonly string[] = ["indexId", "adopted", "settings"];

const KNOWN_INPUTS: KnownInputs = {
  kind: "KnowledgeBase",
  inputs: [
    "workspaceId",
    "name",
    ...CREATE_INDEX_SETTINGS,
    "existingIndexId",
    "deleteOnDestroy",
    "connection",
  ],
  outputs: OUTPUT_ONLY_KEYS,
};

/** Up to 20 characters: Chinese characters, letters, digits and `_ - . :`. */
const INDEX_NAME_PATTERN = /^[\p{Script=Han}A-Za-z0-9_\-.:]+$/u;
const MAX_SOURCE_IDS = 10000;

/** Checks an optional list of unique ids; returns true when usable, absent or unknown. */
export function checkIdList(failures: CheckFailures, property: string, value: unknown): boolean {
  if (value === undefined || containsUnknown(value)) {
    return true;
  }
  if (!Array.isArray(value)) {
    failures.add(property, `${property} is ${describeValue(value)}; set a list of ids`);
    return false;
  }
  const bad = value.find((id) => typeof id !== "string" || !ID_PATTERN.test(id));
  if (bad !== undefined) {
    failures.add(
      property,
      `${property} contains ${describeValue(bad)}; each id may contain only letters, digits ` +
        "and the characters . _ ~ -",
    );
    return false;
  }
  const duplicate = value.find((id, i) => value.indexOf(id) !== i);
  if (duplicate !== undefined) {
    failures.add(
      property,
      `${property} lists ${describeValue(duplicate)} twice; list each id once`,
    );
    return false;
  }
  if (value.length > MAX_SOURCE_IDS) {
    failures.add(
      property,
      `${property} has ${value.length} ids; Bailian imports at most ${MAX_SOURCE_IDS}, ` +
        "so split them",
    );
    return false;
  }
  return true;
}

function inferSourceType(news: Record<string, unknown>): unknown {
  if (news.sourceType !== undefined) {
    return news.sourceType;
  }
  if (news.categoryIds !== undefined && news.documentIds === undefined) {
    return "DATA_CENTER_CATEGORY";
  }
  if (news.documentIds !== undefined && news.categoryIds === undefined) {
    return "DATA_CENTER_FILE";
  }
  return undefined;
}

/** Rejects an empty categoryIds or documentIds list, which gives CreateIndex nothing to import. */
function rejectEmptySource(failures: CheckFailures, news: Record<string, unknown>): void {
  if (Array.isArray(news.categoryIds) && news.categoryIds.length === 0) {
    failures.add(
      "categoryIds",
      "categoryIds is []; list at least one category id. For an empty knowledge base, create " +
        "an empty category and list its id.",
    );
  }
  if (Array.isArray(news.documentIds) && news.documentIds.length === 0) {
    failures.add(
      "documentIds",
      "documentIds is []; list at least one file id. For an empty knowledge base, set " +
        "categoryIds to a list with one empty category instead.",
    );
  }
}

function checkSource(failures: CheckFailures, news: Record<string, unknown>): void {
  const adopting = news.existingIndexId !== undefined;
  const sourceType = inferSourceType(news);
  checkIdList(failures, "categoryIds", news.categoryIds);
  checkIdList(failures, "documentIds", news.documentIds);
  rejectEmptySource(failures, news);
  if (
    !checkEnum(failures, "sourceType", sourceType, ["DATA_CENTER_CATEGORY", "DATA_CENTER_FILE"])
  ) {
    return;
  }
  if (sourceType === undefined && !adopting) {
    failures.add(
      "sourceType",
      "sourceType is missing; set categoryIds (DATA_CENTER_CATEGORY) or documentIds " +
        "(DATA_CENTER_FILE). For an empty knowledge base, list an empty category.",
    );
    return;
  }
  const [needed, other] =
    sourceType === "DATA_CENTER_CATEGORY"
      ? ["categoryIds", "documentIds"]
      : ["documentIds", "categoryIds"];
  if (sourceType !== undefined && !adopting && news[needed] === undefined) {
    failures.add(needed, `${needed} is missing; sourceType ${sourceType} needs it`);
  }
  if (sourceType !== undefined && news[other] !== undefined) {
    failures.add(other, `${other} is set, but sourceType ${sourceType} uses ${needed}; remove it`);
  }
}

function checkSink(failures: CheckFailures, news: Record<string, unknown>): void {
  checkEnum(failures, "sinkType", news.sinkType, ["BUILT_IN", "ADB"]);
  checkId(failures, "sinkInstanceId", news.sinkInstanceId, false);
  checkString(failures, "sinkRegion", news.sinkRegion, { minLength: 1 });
  for (const property of ["sinkInstanceId", "sinkRegion"]) {
    if (news.sinkType === "ADB" && news[property] === undefined) {
      failures.add(
        property,
        `${property} is missing; sinkType ADB needs the AnalyticDB ${property}`,
      );
    }
    if (news.sinkType !== "ADB" && news[property] !== undefined) {
      failures.add(property, `${property} is set, but only sinkType ADB uses it; remove it`);
    }
  }
}

function checkChunking(failures: CheckFailures, news: Record<string, unknown>): void {
  const chunkOk = checkNumber(failures, "chunkSize", news.chunkSize, {
    min: 1,
    max: 6000,
    integer: true,
  });
  const overlapOk = checkNumber(failures, "overlapSize", news.overlapSize, {
    min: 0,
    max: 1024,
    integer: true,
  });
  const chunkSize = news.chunkSize;
  const adopting = news.existingIndexId !== undefined;
  const overlapSize = news.overlapSize ?? (adopting ? undefined : INDEX_DEFAULTS.overlapSize);
  if (chunkOk && overlapOk && typeof chunkSize === "number" && typeof overlapSize === "number") {
    if (overlapSize >= chunkSize) {
      const overlapVerb = news.overlapSize === undefined ? "defaults to" : "is";
      failures.add(
        "overlapSize",
        `overlapSize ${overlapVerb} ${overlapSize}, which is not below chunkSize ${chunkSize}; ` +
          `set overlapSize below ${chunkSize}`,
      );
    }
  }
}

/** Checks every input and returns the inputs with defaults filled in (none when adopting). */
export function checkKnowledgeBase(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailures;
} {
  const failures = new CheckFailures();
  checkKnownInputs(failures, news, KNOWN_INPUTS);
  checkId(failures, "workspaceId", news.workspaceId);
  checkString(failures, "name", news.name, { required: true, maxLength: 20 });
  const name = news.name;
  if (typeof name === "string" && !isUnknown(name) && !INDEX_NAME_PATTERN.test(name)) {
    failures.add(
      "name",
      `name is ${describeValue(name)}; use only Chinese characters, letters, digits and _ - . :`,
    );
  }
  checkString(failures, "description", news.description, { maxLength: 1000 });
  checkSource(failures, news);
  checkSink(failures, news);
  checkString(failures, "embeddingModelName", news.embeddingModelName, { minLength: 1 });
  checkChunking(failures, news);
  checkString(failures, "separator", news.separator, { minLength: 1 });
  checkBoolean(failures, "enableRewrite", news.enableRewrite);
  checkEnum(failures, "rerankModelName", news.rerankModelName, ["gte-rerank-hybrid", "gte-rerank"]);
  checkNumber(failures, "rerankMinScore", news.rerankMinScore, { min: 0.01, max: 1 });
  checkId(failures, "existingIndexId", news.existingIndexId, false);
  checkBoolean(failures, "deleteOnDestroy", news.deleteOnDestroy);
  checkConnection(failures, news.connection);

  if (news.existingIndexId !== undefined) {
    return { inputs: news, failures };
  }
  const sourceType = inferSourceType(news);
  const inputs = { ...INDEX_DEFAULTS, ...withoutUndefined(news) };
  return { inputs: sourceType === undefined ? inputs : { ...inputs, sourceType }, failures };
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
