// Records the emulator keeps. They are plain JSON-serialisable objects so the state file can
// store them as they are; times are simulated epoch milliseconds.

import type { DocumentSourceType } from "../provider/client/types";

export interface WorkspaceRecord {
  id: string;
  /** When true, the configured AccessKey may not use this workspace (HTTP 403). */
  forbidden: boolean;
}

export interface CategoryRecord {
  id: string;
  workspaceId: string;
  name: string;
  type: string;
  parentId: string;
  isDefault: boolean;
  createdAt: number;
}

export interface LeaseRecord {
  id: string;
  workspaceId: string;
  categoryId: string;
  fileName: string;
  md5: string;
  sizeInBytes: number;
  /** Secret part of the upload URL, compared on upload. */
  uploadToken: string;
  /** Value of the `X-bailian-extra` header the upload must carry. */
  extraHeader: string;
  /** Real epoch milliseconds: leases expire on the real clock, whatever the time scale. */
  issuedAt: number;
  /** Real epoch milliseconds after which the upload URL is rejected. */
  uploadExpiresAt: number;
  /** Uploaded bytes, base64; absent until the upload succeeded. */
  uploaded?: string;
  consumed: boolean;
}

export type ParseOutcome = "pending" | "success" | "failed" | "unsupported";

export interface FileRecord {
  id: string;
  workspaceId: string;
  categoryId: string;
  name: string;
  type: string;
  sizeInBytes: number;
  parser: string;
  tags: string[];
  createdAt: number;
  /** Simulated time at which parsing ends and the file shows its final status. */
  parsedAt: number;
  outcome: ParseOutcome;
  text?: string;
  /** Raw bytes (base64), kept only until the real parse has finished. */
  content?: string;
}

export interface IndexRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  structureType: string;
  sinkType: string;
  sinkInstanceId: string;
  sinkRegion: string;
  sourceType?: DocumentSourceType;
  categoryIds: string[];
  documentIds: string[];
  chunkSize: number;
  overlapSize: number;
  separator: string;
  embeddingModelName: string;
  rerankModelName: string;
  rerankMinScore: number;
  enableRewrite: boolean;
  createdAt: number;
  /** Document id to the simulated time DeleteIndexDocument removed it. */
  deletedDocuments: Record<string, number>;
}

/** One document of a job; `position` in the job's list fixes its finish time and page. */
export interface JobDocumentRecord {
  id: string;
  name: string;
  type: string;
  size: number;
  sourceId: string;
  /** Present when the document ends INSERT_ERROR. */
  error?: { code: string; message: string };
  /** Text to chunk and index; present only for documents that end FINISH. */
  text?: string;
}

export interface JobRecord {
  id: string;
  workspaceId: string;
  indexId: string;
  kind: "build" | "append";
  submittedAt: number;
  pendingMs: number;
  runningMs: number;
  chunkSize: number;
  overlapSize: number;
  forcedFailure: boolean;
  documents: JobDocumentRecord[];
}

export interface EmulatorState {
  version: 1;
  /** Simulated clock at the last save, so time continues after a restart. */
  savedAt: number;
  counter: number;
  workspaces: WorkspaceRecord[];
  categories: CategoryRecord[];
  leases: LeaseRecord[];
  files: FileRecord[];
  indices: IndexRecord[];
  jobs: JobRecord[];
  /** The AccessKey pair the emulator accepts: its own local credential, kept across restarts. */
  credential?: { accessKeyId: string; accessKeySecret: string };
}
