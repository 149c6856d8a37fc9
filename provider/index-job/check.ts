import type * as pulumi from "@pulumi/pulumi";
import { resolveConnection, type ConnectionInputs } from "../config";
import {
  CheckFailures,
  checkBoolean,
  checkConnection,
  checkEnum,
  checkId,
  checkKnownKeys,
  checkNumber,
  checkObject,
  checkString,
  containsUnknown,
  describeValue,
  ID_PATTERN,
  isLoopbackEndpoint,
  isUnknown,
} from "../validation";
import { checkKnownInputs, type KnownInputs } from "../known-inputs";
import { INPUT_KEYS } from "./outputs";
import { FAIL_ON_POLICIES, type IndexJobInputs } from "./types";

export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_TIMEOUT_SECONDS = 6 * 60 * 60;
/** Minimum seconds between GetIndexJobStatus calls that the API reference requests. */
export const MIN_CLOUD_POLL_INTERVAL_SECONDS = 5;
/** Lower bound for a loopback endpoint (the emulator), where the API's rule does not apply. */
export const MIN_LOOPBACK_POLL_INTERVAL_SECONDS = 0.01;
/** CreateIndex imports at most 10,000 files; the same bound is applied to one append job. */
export const MAX_DOCUMENT_IDS = 10_000;
const MAX_TIMEOUT_SECONDS = 7 * 24 * 60 * 60;

const KNOWN_INPUTS: KnownInputs = {
  kind: "IndexJob",
  inputs: INPUT_KEYS,
  // The SDK class passes these, set to undefined, so that they become Outputs.
  outputs: [
    "jobId",
    "jobStatus",
    "adopted",
    "kind",
    "indexedDocuments",
    "documentCounts",
    "finishedAt",
    "readyIndexId",
  ],
};

const DOCUMENTS_KEYS = [
  "sourceType",
  "ids",
  "chunkSize",
  "overlapSize",
  "separator",
  "chunkMode",
  "enableHeaders",
] as const;

/** Validates every input without calling the API and fills in the defaults. */
export async function checkIndexJob(
  _olds: unknown,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
  const failures = new CheckFailures();

  checkKnownInputs(failures, news, KNOWN_INPUTS);
  checkId(failures, "workspaceId", news.workspaceId);
  checkId(failures, "indexId", news.indexId);
  checkDocuments(failures, news.documents);
  checkConnection(failures, news.connection);
  checkPollInterval(failures, news.pollIntervalSeconds, news.connection);
  checkNumber(failures, "timeoutSeconds", news.timeoutSeconds, {
    min: MIN_LOOPBACK_POLL_INTERVAL_SECONDS,
    max: MAX_TIMEOUT_SECONDS,
    because: "the wait must last from 0.01 seconds to 7 days",
  });
  checkPolicy(failures, news.failOn, news.maxFailedRatio);
  checkBoolean(failures, "retryFailedJob", news.retryFailedJob);
  checkBoolean(failures, "retainDocumentsOnDelete", news.retainDocumentsOnDelete);

  if (!failures.empty) {
    return { inputs: news, failures: failures.failures };
  }
  return { inputs: withDefaults(news) };
}

function withDefaults(news: Record<string, unknown>): IndexJobInputs & Record<string, unknown> {
  return {
    ...(news as unknown as IndexJobInputs),
    pollIntervalSeconds: (news.pollIntervalSeconds as number) ?? DEFAULT_POLL_INTERVAL_SECONDS,
    timeoutSeconds: (news.timeoutSeconds as number) ?? DEFAULT_TIMEOUT_SECONDS,
    failOn: (news.failOn as IndexJobInputs["failOn"]) ?? "any-document-error",
    retryFailedJob: (news.retryFailedJob as boolean) ?? false,
    retainDocumentsOnDelete: (news.retainDocumentsOnDelete as boolean) ?? false,
  };
}

function checkDocuments(failures: CheckFailures, documents: unknown): void {
  if (documents === undefined || documents === null || isUnknown(documents)) {
    return;
  }
  if (!checkObject(failures, "documents", documents)) {
    return;
  }
  checkKnownKeys(failures, "documents", documents, DOCUMENTS_KEYS);
  checkEnum(
    failures,
    "documents.sourceType",
    documents.sourceType,
    ["DATA_CENTER_FILE", "DATA_CENTER_CATEGORY"],
    true,
  );
  checkDocumentIds(failures, documents.ids);
  checkChunking(failures, documents);
}

function checkDocumentIds(failures: CheckFailures, ids: unknown): void {
  const property = "documents.ids";
  if (isUnknown(ids)) {
    return;
  }
  if (!Array.isArray(ids) || ids.length === 0) {
    failures.add(
      property,
      `${property} is ${describeValue(ids)}; list at least one file or category id`,
    );
    return;
  }
  if (ids.length > MAX_DOCUMENT_IDS) {
    failures.add(
      property,
      `${property} lists ${ids.length} ids; one job takes at most ${MAX_DOCUMENT_IDS}, ` +
        "so split them over several IndexJob resources",
    );
    return;
  }
  const seen = new Set<string>();
  ids.forEach((id, position) => {
    if (isUnknown(id)) {
      return;
    }
    if (typeof id !== "string" || !ID_PATTERN.test(id)) {
      failures.add(
        property,
        `${property}[${position}] is ${describeValue(id)}; ` +
          "use ids made of letters, digits and the characters . _ ~ -",
      );
    } else if (seen.has(id)) {
      failures.add(
        property,
        `${property}[${position}] is ${describeValue(id)}, which is listed twice; remove the copy`,
      );
    }
    seen.add(id as string);
  });
}

function checkChunking(failures: CheckFailures, documents: Record<string, unknown>): void {
  const { chunkSize, overlapSize } = documents;
  const chunkOk = checkNumber(failures, "documents.chunkSize", chunkSize, {
    min: 1,
    max: 6000,
    integer: true,
    because: "the API splits documents into chunks of 1 to 6000 characters",
  });
  const overlapOk = checkNumber(failures, "documents.overlapSize", overlapSize, {
    min: 0,
    max: 1024,
    integer: true,
    because: "the API allows an overlap of 0 to 1024 characters",
  });
  if (
    chunkOk &&
    overlapOk &&
    typeof chunkSize === "number" &&
    typeof overlapSize === "number" &&
    overlapSize >= chunkSize
  ) {
    failures.add(
      "documents.overlapSize",
      `documents.overlapSize is ${overlapSize} but documents.chunkSize is ${chunkSize}; ` +
        "set an overlap smaller than the chunk size",
    );
  }
  checkString(failures, "documents.separator", documents.separator, { maxLength: 64 });
  checkString(failures, "documents.chunkMode", documents.chunkMode, { maxLength: 64 });
  checkBoolean(failures, "documents.enableHeaders", documents.enableHeaders);
}

function checkPollInterval(failures: CheckFailures, value: unknown, connection: unknown): void {
  const property = "pollIntervalSeconds";
  const fine = checkNumber(failures, property, value, {
    min: MIN_LOOPBACK_POLL_INTERVAL_SECONDS,
    max: 3600,
    because: "the interval must be from 0.01 seconds (loopback endpoints only) to one hour",
  });
  if (!fine || typeof value !== "number" || value >= MIN_CLOUD_POLL_INTERVAL_SECONDS) {
    return;
  }
  if (containsUnknown(connection)) {
    return; // The endpoint is not known yet during this preview.
  }
  const endpoint = resolveConnection(connection as ConnectionInputs | undefined).endpoint;
  if (!isLoopbackEndpoint(endpoint)) {
    failures.add(
      property,
      `${property} is ${value}; the Bailian API asks for at least ` +
        `${MIN_CLOUD_POLL_INTERVAL_SECONDS} seconds between status calls, so set ` +
        `${MIN_CLOUD_POLL_INTERVAL_SECONDS} or more (shorter intervals are only allowed for ` +
        "a loopback endpoint such as the emulator)",
    );
  }
}

function checkPolicy(failures: CheckFailures, failOn: unknown, maxFailedRatio: unknown): void {
  checkEnum(failures, "failOn", failOn, FAIL_ON_POLICIES);
  const ratioOk = checkNumber(failures, "maxFailedRatio", maxFailedRatio, {
    min: 0,
    max: 1,
    because: "it is the fraction of documents allowed to fail",
  });
  if (!ratioOk || isUnknown(failOn) || isUnknown(maxFailedRatio)) {
    return;
  }
  if (failOn === "failed-ratio" && maxFailedRatio === undefined) {
    failures.add(
      "maxFailedRatio",
      'maxFailedRatio is missing but failOn is "failed-ratio"; set it to a fraction from 0 to 1',
    );
  }
  if (failOn !== "failed-ratio" && maxFailedRatio !== undefined && maxFailedRatio !== null) {
    failures.add(
      "maxFailedRatio",
      `maxFailedRatio is ${describeValue(maxFailedRatio)} but failOn is ` +
        `${describeValue(failOn ?? "any-document-error")}; set failOn to "failed-ratio" or ` +
        "remove maxFailedRatio",
    );
  }
}
