import { randomBytes } from "node:crypto";
import { ApiError } from "./errors";
import type {
  CategoryRecord,
  EmulatorState,
  FileRecord,
  IndexRecord,
  JobRecord,
  LeaseRecord,
  WorkspaceRecord,
} from "./model";

/** Identifier of the category every workspace has. */
export const DEFAULT_CATEGORY_ID = "default";

/** In-memory records of every workspace, with lookups that raise the API's not-found errors. */
export class Store {
  readonly workspaces = new Map<string, WorkspaceRecord>();
  readonly categories = new Map<string, CategoryRecord>();
  readonly leases = new Map<string, LeaseRecord>();
  readonly files = new Map<string, FileRecord>();
  readonly indices = new Map<string, IndexRecord>();
  readonly jobs = new Map<string, JobRecord>();
  private counter = 0;

  /** Creates a unique id such as `file_1a2b3c4d_12`. */
  newId(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${randomBytes(4).toString("hex")}_${this.counter}`;
  }

  addWorkspace(id: string, forbidden: boolean, now: number): void {
    const existing = this.workspaces.get(id);
    if (existing) {
      existing.forbidden = forbidden;
      return;
    }
    this.workspaces.set(id, { id, forbidden });
    this.categories.set(categoryKey(id, DEFAULT_CATEGORY_ID), {
      id: DEFAULT_CATEGORY_ID,
      workspaceId: id,
      name: "default",
      type: "UNSTRUCTURED",
      parentId: "",
      isDefault: true,
      createdAt: now,
    });
  }

  category(workspaceId: string, categoryId: string): CategoryRecord {
    const category = this.categories.get(categoryKey(workspaceId, categoryId));
    if (!category) {
      throw new ApiError(
        "Category.NotFound",
        `Category ${categoryId} does not exist in workspace ${workspaceId}.`,
      );
    }
    return category;
  }

  workspaceCategories(workspaceId: string): CategoryRecord[] {
    return [...this.categories.values()].filter((c) => c.workspaceId === workspaceId);
  }

  addCategory(category: CategoryRecord): void {
    this.categories.set(categoryKey(category.workspaceId, category.id), category);
  }

  file(workspaceId: string, fileId: string): FileRecord {
    const file = this.files.get(fileId);
    if (!file || file.workspaceId !== workspaceId) {
      throw new ApiError(
        "File.NotFound",
        `File ${fileId} does not exist in workspace ${workspaceId}.`,
      );
    }
    return file;
  }

  index(workspaceId: string, indexId: string): IndexRecord {
    const index = this.indices.get(indexId);
    if (!index || index.workspaceId !== workspaceId) {
      throw new ApiError(
        "Index.NotFound",
        `Index ${indexId} does not exist in workspace ${workspaceId}.`,
      );
    }
    return index;
  }

  job(index: IndexRecord, jobId: string): JobRecord {
    const job = this.jobs.get(jobId);
    if (!job || job.indexId !== index.id) {
      throw new ApiError(
        "Index.Job.NotFound",
        `Job ${jobId} does not exist for index ${index.id}.`,
      );
    }
    return job;
  }

  jobsOfIndex(indexId: string): JobRecord[] {
    return [...this.jobs.values()].filter((job) => job.indexId === indexId);
  }

  deleteIndex(indexId: string): void {
    this.indices.delete(indexId);
    for (const job of this.jobsOfIndex(indexId)) {
      this.jobs.delete(job.id);
    }
  }

  /** The AccessKey pair written to the state file with everything else. */
  credential?: EmulatorState["credential"];

  toState(savedAt: number): EmulatorState {
    return {
      credential: this.credential,
      version: 1,
      savedAt,
      counter: this.counter,
      workspaces: [...this.workspaces.values()],
      categories: [...this.categories.values()],
      leases: [...this.leases.values()],
      files: [...this.files.values()],
      indices: [...this.indices.values()],
      jobs: [...this.jobs.values()],
    };
  }

  load(state: EmulatorState): void {
    this.counter = state.counter;
    state.workspaces.forEach((w) => this.workspaces.set(w.id, w));
    state.categories.forEach((c) => this.addCategory(c));
    state.leases.forEach((l) => this.leases.set(l.id, l));
    state.files.forEach((f) => this.files.set(f.id, f));
    state.indices.forEach((i) => this.indices.set(i.id, i));
    state.jobs.forEach((j) => this.jobs.set(j.id, j));
    this.credential = state.credential;
  }
}

function categoryKey(workspaceId: string, categoryId: string): string {
  return `${workspaceId}/${categoryId}`;
}
