// Error classes of the KnowledgeBase, Category, DataCenterFile and RetrievalCheck providers, one
// per cause. API failures keep the client's own error class. No message carries a credential.
import { withoutUndefined } from "./plain-values";

/**
 * Fields that make the dynamic-provider plugin report ErrorResourceInitFailed: the engine then
 * keeps the resource with this id and these properties, and the next `pulumi up` calls `update`.
 */
export interface ResourceKeptFields {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

/** Attaches the id and properties of a half-finished resource to an error from create or update. */
export function keepResource<E extends Error>(
  error: E,
  id: string,
  properties: Record<string, unknown>,
): E & ResourceKeptFields {
  return Object.assign(error, {
    id,
    properties: withoutUndefined(properties),
    reasons: [error.message],
  });
}

/** A data-center file ended in PARSE_FAILED. */
export class FileParseFailedError extends Error {
  override readonly name = "FileParseFailedError";

  constructor(
    readonly workspaceId: string,
    readonly fileId: string,
    readonly fileName: string,
    readonly reason: string,
  ) {
    super(
      `Bailian could not parse file "${fileName}" (file ${fileId} in workspace ${workspaceId}): ` +
        `${reason}. Check that the file opens locally and is not encrypted or damaged, then run ` +
        "pulumi up again.",
    );
  }
}

/** A data-center file was still being parsed when the wait limit ran out. */
export class FileParseTimeoutError extends Error {
  override readonly name = "FileParseTimeoutError";

  constructor(
    readonly workspaceId: string,
    readonly fileId: string,
    readonly fileName: string,
    readonly lastStatus: string,
    readonly timeoutSeconds: number,
  ) {
    super(
      `Timed out after ${timeoutSeconds} s waiting for file "${fileName}" (file ${fileId} in ` +
        `workspace ${workspaceId}) to be parsed; the last status was ${lastStatus}. The next ` +
        "pulumi up resumes waiting; raise parseTimeoutSeconds if large files need longer.",
    );
  }
}

/** An index with the requested name exists, but its settings differ from the requested ones. */
export class KnowledgeBaseConflictError extends Error {
  override readonly name = "KnowledgeBaseConflictError";

  constructor(
    readonly workspaceId: string,
    readonly indexId: string,
    readonly indexName: string,
    readonly differences: string[],
  ) {
    super(
      `Workspace ${workspaceId} already has a knowledge base named "${indexName}" (index ` +
        `${indexId}) with other settings: ${differences.join("; ")}. Choose another name, or ` +
        `set existingIndexId to "${indexId}" and the settings it has to adopt it.`,
    );
  }
}

/** An id given to adopt an existing object names nothing in the workspace. */
export class AdoptTargetNotFoundError extends Error {
  override readonly name = "AdoptTargetNotFoundError";

  constructor(
    readonly workspaceId: string,
    readonly property: string,
    readonly value: string,
  ) {
    super(
      `${property} "${value}" was not found in workspace ${workspaceId}; set the id of an ` +
        `existing object, or remove ${property} to create a new one.`,
    );
  }
}

/** An object adopted by id differs from the inputs that describe it. */
export class AdoptMismatchError extends Error {
  override readonly name = "AdoptMismatchError";

  constructor(
    readonly workspaceId: string,
    readonly property: string,
    readonly value: string,
    readonly differences: string[],
  ) {
    super(
      `${property} "${value}" in workspace ${workspaceId} does not match the inputs: ` +
        `${differences.join("; ")}. Set the inputs to the values it has, or remove ${property} ` +
        "to create a new one.",
    );
  }
}

/** A retrieval smoke test returned fewer nodes than required. */
export class RetrievalCheckFailedError extends Error {
  override readonly name = "RetrievalCheckFailedError";

  constructor(
    readonly workspaceId: string,
    readonly indexId: string,
    readonly query: string,
    readonly resultCount: number,
    readonly minResults: number,
  ) {
    super(
      `Retrieval check failed: the query ${JSON.stringify(query)} returned ${resultCount} ` +
        `node(s) from index ${indexId} in workspace ${workspaceId}, but at least ${minResults} ` +
        "are required. Check that an index job has finished for this knowledge base and that " +
        "its documents contain text that matches the query.",
    );
  }
}
