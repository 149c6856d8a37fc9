// Inputs of the DataCenterFile resource, their defaults and their checks.
import type { ConnectionInputs } from "../config";
import {
  CheckFailures,
  checkBoolean,
  checkId,
  checkNumber,
  checkString,
  containsUnknown,
  describeValue,
  isUnknown,
  checkConnection,
} from "../validation";
import { usesLoopbackEndpoint } from "./connection";
import { checkKnownInputs, type KnownInputs } from "../known-inputs";

/** Inputs of a DataCenterFile after `check`. */
export interface DataCenterFileInputs {
  workspaceId: string;
  /** Absolute path of the local file, read when the file is uploaded. */
  path: string;
  /** Name the file gets in Bailian; the SDK sets it to the path's last segment. */
  fileName: string;
  /** Hex MD5 of the file's bytes, computed when the program ran. */
  md5: string;
  sizeInBytes: number;
  categoryId: string;
  parser: string;
  tags?: string[];
  parseTimeoutSeconds: number;
  pollIntervalSeconds: number;
  /** Id of an existing file to adopt instead of uploading one. */
  existingFileId?: string;
  /** Whether destroy deletes the file; defaults to false for an adopted file, else true. */
  deleteOnDestroy?: boolean;
  connection?: ConnectionInputs;
}

/**
 * File types ApplyFileUploadLease accepts, as its API reference lists them.
 * NOTE: the Model Studio console accepts more types; extend this list once the API does.
 */
export const ACCEPTED_EXTENSIONS = ["pdf", "doc", "docx", "md", "txt", "ppt", "pptx"] as const;

export const FILE_DEFAULTS = {
  categoryId: "default",
  parser: "DASHSCOPE_DOCMIND",
  parseTimeoutSeconds: 3600,
  pollIntervalSeconds: 15,
} as const;

const KNOWN_INPUTS: KnownInputs = {
  kind: "DataCenterFile",
  inputs: [
    "workspaceId",
    "path",
    "fileName",
    "md5",
    "sizeInBytes",
    "categoryId",
    "parser",
    "tags",
    "parseTimeoutSeconds",
    "pollIntervalSeconds",
    "existingFileId",
    "deleteOnDestroy",
    "connection",
  ],
  outputs: ["fileId", "status", "adopted"],
};

/** DescribeFile's API reference requests at least 15 s between calls. */
const CLOUD_MIN_POLL_SECONDS = 15;
/** Against a loopback endpoint (the emulator), polls may be this frequent. */
const LOOPBACK_MIN_POLL_SECONDS = 0.01;
/** Largest file ApplyFileUploadLease accepts, in bytes; the smallest is 1 byte. */
export const MAX_FILE_BYTES = 100_000_000;
const MAX_TAGS = 10;

const MIN_FILE_NAME_LENGTH = 4;
const MAX_FILE_NAME_LENGTH = 128;

/**
 * Describes why ApplyFileUploadLease would reject a file name, or returns undefined for a name it
 * accepts: 4 to 128 characters, ending in one of {@link ACCEPTED_EXTENSIONS}.
 */
export function describeFileNameProblem(fileName: string): string | undefined {
  const length = fileName.length;
  if (length < MIN_FILE_NAME_LENGTH || length > MAX_FILE_NAME_LENGTH) {
    return (
      `has ${length} characters, but Bailian accepts names of ` +
      `${MIN_FILE_NAME_LENGTH} to ${MAX_FILE_NAME_LENGTH} characters`
    );
  }
  const extension = fileName.includes(".") ? fileName.split(".").pop()!.toLowerCase() : "";
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(extension)) {
    const accepted = ACCEPTED_EXTENSIONS.map((e) => "." + e).join(", ");
    return `does not end in a type Bailian accepts (${accepted})`;
  }
  return undefined;
}

function checkFileName(failures: CheckFailures, value: unknown): void {
  if (!checkString(failures, "fileName", value, { required: true })) {
    return;
  }
  if (typeof value !== "string" || containsUnknown(value)) {
    return;
  }
  const problem = describeFileNameProblem(value);
  if (problem !== undefined) {
    failures.add(
      "fileName",
      `fileName is ${describeValue(value)}, which ${problem}; set fileName to an accepted name, ` +
        "or convert the file to an accepted type",
    );
  }
}

function checkParser(failures: CheckFailures, value: unknown): void {
  if (value === undefined || isUnknown(value) || value === FILE_DEFAULTS.parser) {
    return;
  }
  failures.add(
    "parser",
    `parser is ${describeValue(value)}; Bailian documents only the parser ` +
      `${FILE_DEFAULTS.parser}, so set that or leave parser unset`,
  );
}

function checkTags(failures: CheckFailures, value: unknown): void {
  if (value === undefined || containsUnknown(value)) {
    return;
  }
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== "string" || tag === "")) {
    failures.add("tags", `tags is ${describeValue(value)}; set a list of non-empty strings`);
    return;
  }
  if (value.length > MAX_TAGS) {
    failures.add("tags", `tags has ${value.length} entries; Bailian allows at most ${MAX_TAGS}`);
  }
}

function checkPolling(failures: CheckFailures, news: Record<string, unknown>): void {
  // An endpoint unknown during a preview is checked by the check that runs before the update.
  const connection = news.connection as ConnectionInputs | undefined;
  const loopback = containsUnknown(connection) || usesLoopbackEndpoint(connection);
  const min = loopback ? LOOPBACK_MIN_POLL_SECONDS : CLOUD_MIN_POLL_SECONDS;
  const because = loopback
    ? undefined
    : `DescribeFile's API reference requests at least ${CLOUD_MIN_POLL_SECONDS} s between calls`;
  checkNumber(failures, "pollIntervalSeconds", news.pollIntervalSeconds, {
    min,
    max: 3600,
    because,
  });
  checkNumber(failures, "parseTimeoutSeconds", news.parseTimeoutSeconds, {
    min: 1,
    max: 7 * 24 * 3600,
  });
}

/** Checks every input and returns the inputs with defaults filled in. */
export function checkDataCenterFile(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailures;
} {
  const failures = new CheckFailures();
  checkKnownInputs(failures, news, KNOWN_INPUTS);
  checkId(failures, "workspaceId", news.workspaceId);
  checkString(failures, "path", news.path, { required: true });
  checkFileName(failures, news.fileName);
  checkString(failures, "md5", news.md5, {
    required: true,
    pattern: /^[0-9a-f]{32}$/,
    patternText: "32 lower-case hex digits (the SDK computes it from the file)",
  });
  if (news.sizeInBytes === undefined) {
    failures.add("sizeInBytes", "sizeInBytes is missing; set the file's size in bytes");
  }
  checkNumber(failures, "sizeInBytes", news.sizeInBytes, {
    min: 1,
    max: MAX_FILE_BYTES,
    integer: true,
    because: `Bailian accepts files of 1 to ${MAX_FILE_BYTES} bytes`,
  });
  checkId(failures, "categoryId", news.categoryId, false);
  checkParser(failures, news.parser);
  checkTags(failures, news.tags);
  checkPolling(failures, news);
  checkId(failures, "existingFileId", news.existingFileId, false);
  checkBoolean(failures, "deleteOnDestroy", news.deleteOnDestroy);
  checkConnection(failures, news.connection);

  const defined = Object.fromEntries(Object.entries(news).filter(([, v]) => v !== undefined));
  return { inputs: { ...FILE_DEFAULTS, ...defined }, failures };
}
