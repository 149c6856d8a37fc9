import type { IndexDocumentStatus } from "../../provider/client/types";
import type { OperationContext } from "./context";
import { latestDocuments, viewOf } from "./indices";

const DOCUMENT_STATUSES: readonly IndexDocumentStatus[] = [
  "INSERT_ERROR",
  "RUNNING",
  "DELETED",
  "FINISH",
];

/** ListIndexDocuments: GET /{WorkspaceId}/index/list_index_documents. */
export function listIndexDocuments(context: OperationContext) {
  const { core, workspace, params } = context;
  const index = core.store.index(workspace.id, params.requiredString("IndexId"));
  const name = params.string("DocumentName");
  const nameLike = params.boolean("EnableNameLike") ?? false;
  const status = params.string("DocumentStatus", { oneOf: DOCUMENT_STATUSES });
  const pageNumber = params.integer("PageNumber", { min: 1 }) ?? 1;
  const pageSize = params.integer("PageSize", { min: 1 }) ?? 10;

  const rows = [...latestDocuments(context, index).values()]
    .map((entry) => ({
      entry,
      document: entry.job.documents[entry.position],
      view: viewOf(context, index, entry),
    }))
    .filter(
      ({ document }) =>
        name === undefined || (nameLike ? document.name.includes(name) : document.name === name),
    )
    .filter(({ view }) => status === undefined || view.status === status);
  const page = rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    IndexId: index.id,
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: rows.length,
    Documents: page.map(({ document, view }) => ({
      Id: document.id,
      Name: document.name,
      Status: view.status,
      Code: view.code,
      Message: view.message,
      DocumentType: document.type,
      Size: document.size,
      SourceId: document.sourceId,
      GmtModified: view.gmtModified,
    })),
  };
}

/** DeleteIndexDocument: only FINISH and INSERT_ERROR documents can be deleted; DELETED ones stay so. */
export function deleteIndexDocument(context: OperationContext) {
  const { core, workspace, params, now } = context;
  const index = core.store.index(workspace.id, params.requiredString("IndexId"));
  const ids = params.stringList("DocumentIds", true) as string[];
  const latest = latestDocuments(context, index);

  const unknown = ids.filter((id) => !latest.has(id));
  if (unknown.length > 0) {
    throw params.invalid(
      `Parameter DocumentIds is invalid: ${unknown.join(", ")} not in index ${index.id}.`,
    );
  }
  const running = ids.filter((id) => viewOf(context, index, latest.get(id)!).status === "RUNNING");
  if (running.length > 0) {
    throw params.invalid(
      `Parameter DocumentIds is invalid: ${running.join(", ")} still RUNNING; only FINISH or INSERT_ERROR documents can be deleted.`,
    );
  }
  for (const id of ids) {
    if (viewOf(context, index, latest.get(id)!).status !== "DELETED") {
      index.deletedDocuments[id] = now;
    }
  }
  core.save();
  return { DeletedDocument: ids };
}
