import { ApiError, DOCUMENT_ERRORS, MAX_DOCUMENT_CHARACTERS } from "../errors";
import { documentFinishesAt, documentView, jobDurations, jobStatus } from "../jobs";
import type { IndexRecord, JobDocumentRecord, JobRecord } from "../model";
import type { OperationContext } from "./context";
import { fileStatus } from "./files";
import { MAX_SOURCE_IDS, readChunking, readSources } from "./indices";

/** SubmitIndexJob: POST /{WorkspaceId}/index/submit_index_job; builds from CreateIndex's sources. */
export async function submitIndexJob(context: OperationContext) {
  const { core, workspace, params } = context;
  const index = core.store.index(workspace.id, params.requiredString("IndexId"));
  if (index.sourceType === undefined) {
    throw new ApiError(
      "InvalidParameter",
      "Required parameter(data_sources) missing or invalid: the index was created without SourceType; create it with SourceType and DocumentIds or CategoryIds.",
    );
  }
  const fileIds = sourceFileIds(context, index.sourceType, index.documentIds, index.categoryIds);
  const chunking = { chunkSize: index.chunkSize, overlapSize: index.overlapSize };
  const job = await submitJob(context, index, "build", fileIds, chunking);
  return { Id: job.id, IndexId: index.id };
}

/** SubmitIndexAddDocumentsJob: POST /{WorkspaceId}/index/add_documents_to_index. */
export async function submitIndexAddDocumentsJob(context: OperationContext) {
  const { core, workspace, params } = context;
  const index = core.store.index(workspace.id, params.requiredString("IndexId"));
  const { sourceType, documentIds, categoryIds } = readSources(context, true);
  const chunking = readChunking(params, index);
  params.string("ChunkMode");
  params.string("Separator");
  params.boolean("EnableHeaders");
  params.json("Extra");
  const fileIds = sourceFileIds(context, sourceType!, documentIds, categoryIds);
  const job = await submitJob(context, index, "append", fileIds, chunking);
  return { Id: job.id };
}

function sourceFileIds(
  { core, workspace, params }: OperationContext,
  sourceType: string,
  documentIds: string[],
  categoryIds: string[],
): string[] {
  if (sourceType === "DATA_CENTER_FILE") {
    return documentIds;
  }
  const categories = new Set(categoryIds);
  const ids = [...core.store.files.values()]
    .filter((file) => file.workspaceId === workspace.id && categories.has(file.categoryId))
    .map((file) => file.id);
  if (ids.length > MAX_SOURCE_IDS) {
    throw params.invalid(
      `Parameter CategoryIds is invalid: the categories contain ${ids.length} files, at most ${MAX_SOURCE_IDS} can be imported at once.`,
    );
  }
  return ids;
}

async function submitJob(
  context: OperationContext,
  index: IndexRecord,
  kind: JobRecord["kind"],
  fileIds: string[],
  chunking: { chunkSize: number; overlapSize: number },
): Promise<JobRecord> {
  const { core, now } = context;
  const unique = [...new Set(fileIds)];
  await core.waitForParsing(unique);
  const forcedFailure = core.forcedFailures.delete(index.id) || core.forcedFailures.delete("*");
  const job: JobRecord = {
    id: core.store.newId("job"),
    workspaceId: index.workspaceId,
    indexId: index.id,
    kind,
    submittedAt: now,
    ...jobDurations(core.jobTiming, unique.length),
    chunkSize: chunking.chunkSize,
    overlapSize: chunking.overlapSize,
    forcedFailure,
    documents: [],
  };
  job.documents = unique.map((fileId, position) =>
    jobDocument(context, fileId, documentFinishesAt(job, unique.length, position), forcedFailure),
  );
  core.store.jobs.set(job.id, job);
  core.stats.jobsSubmitted += 1;
  core.save();
  return job;
}

/** Decides at submission how a document will end, from the file's state when the job reaches it. */
function jobDocument(
  { core, workspace }: OperationContext,
  fileId: string,
  finishesAt: number,
  forcedFailure: boolean,
): JobDocumentRecord {
  const file = core.store.files.get(fileId);
  if (!file || file.workspaceId !== workspace.id) {
    return {
      id: fileId,
      name: fileId,
      type: "",
      size: 0,
      sourceId: "",
      error: { ...DOCUMENT_ERRORS.fileNotFound },
    };
  }
  const base = {
    id: file.id,
    name: file.name,
    type: file.type,
    size: file.sizeInBytes,
    sourceId: file.categoryId,
  };
  const text = file.text ?? "";
  const status = fileStatus(file, finishesAt);
  let error: { code: string; message: string } | undefined;
  if (forcedFailure) {
    error = DOCUMENT_ERRORS.jobFailed;
  } else if (status === "INIT" || status === "PARSING") {
    error = DOCUMENT_ERRORS.notParsed;
  } else if (status === "PARSE_FAILED") {
    error = DOCUMENT_ERRORS.parseFailed;
  } else if (file.outcome === "unsupported") {
    error = DOCUMENT_ERRORS.unsupportedType;
  } else if (text.trim() === "") {
    error = DOCUMENT_ERRORS.emptyContent;
  } else if (text.length > MAX_DOCUMENT_CHARACTERS) {
    error = DOCUMENT_ERRORS.tooLarge;
  }
  return error ? { ...base, error: { ...error } } : { ...base, text };
}

/** GetIndexJobStatus: GET /{WorkspaceId}/index/job/status; pages by PageNumber and `pageSize`. */
export function getIndexJobStatus({ core, workspace, params, now }: OperationContext) {
  const index = core.store.index(workspace.id, params.requiredString("IndexId"));
  const job = core.store.job(index, params.requiredString("JobId"));
  const pageNumber = params.integer("PageNumber", { min: 1 }) ?? 1;
  const pageSize = params.integer("pageSize", { min: 1 }) ?? 10;
  const start = (pageNumber - 1) * pageSize;
  const end = Math.min(job.documents.length, start + pageSize);
  const documents = [];
  for (let position = start; position < end; position += 1) {
    const document = job.documents[position];
    const view = documentView(job, position, index, now);
    documents.push({
      DocId: document.id,
      DocName: document.name,
      Status: view.status,
      Code: view.code,
      Message: view.message,
      GmtModified: view.gmtModified,
    });
  }
  return { JobId: job.id, Status: jobStatus(job, now), Documents: documents };
}
