import { readdirSync, statSync } from "node:fs";
import * as nodePath from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../provider/config";
import {
  ACCEPTED_EXTENSIONS,
  describeFileNameProblem,
  MAX_FILE_BYTES,
} from "../provider/resources/data-center-file-inputs";
import { DataCenterFile } from "./data-center-file";
import { describeSizeProblem } from "./internal/local-file";

/** Arguments of a {@link DataCenterFolder}. */
export interface DataCenterFolderArgs {
  /** Workspace whose data center receives the files, such as `llm-abc123`. */
  workspaceId: pulumi.Input<string>;
  /** Local folder, relative to the program's folder or absolute; read when the program runs. */
  folder: string;
  /**
   * File extensions to upload, without the dot and case-insensitive; defaults to the types
   * ApplyFileUploadLease accepts: pdf, doc, docx, md, txt, ppt, pptx.
   */
  extensions?: string[];
  /** Whether files in subfolders are uploaded too; default true. Hidden entries are skipped. */
  recursive?: boolean;
  /** Data-center category for every file; default `default`. */
  categoryId?: pulumi.Input<string>;
  /** Document parser; `DASHSCOPE_DOCMIND`, the default, is the only one Bailian documents. */
  parser?: pulumi.Input<string>;
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  parseTimeoutSeconds?: pulumi.Input<number>;
  pollIntervalSeconds?: pulumi.Input<number>;
  connection?: pulumi.Input<ConnectionInputs>;
}

/** Lists the matching files under `root` as sorted paths relative to it, with `/` separators. */
export function listFolderFiles(
  root: string,
  extensions: readonly string[],
  recursive: boolean,
): string[] {
  const accepted = new Set(
    extensions.map((extension) => extension.replace(/^\./, "").toLowerCase()),
  );
  const found: string[] = [];
  const visit = (relative: string): void => {
    const entries = readdirSync(nodePath.join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".")) {
        continue;
      }
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory() && recursive) {
        visit(child);
      } else if (
        entry.isFile() &&
        accepted.has(nodePath.extname(entry.name).slice(1).toLowerCase())
      ) {
        found.push(child);
      }
    }
  };
  visit("");
  return found.sort();
}

/** Resolves `folder` to an absolute path, or throws an error naming it when it is no folder. */
function resolveFolder(folder: unknown): string {
  if (typeof folder !== "string" || folder.trim() === "") {
    throw new Error(
      `DataCenterFolder folder is ${JSON.stringify(folder)}; set it to the path of a local ` +
        "folder, relative to the program's folder or absolute.",
    );
  }
  const root = nodePath.resolve(folder);
  let isFolder: boolean;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new Error(
      `DataCenterFolder folder ${JSON.stringify(folder)} (${root}) is not an existing folder; ` +
        "set it to the path of a local folder, relative to the program's folder or absolute.",
    );
  }
  return root;
}

function rejectUnacceptableSizes(root: string, relativePaths: string[]): void {
  const problems: string[] = [];
  for (const relativePath of relativePaths) {
    const problem = describeSizeProblem(statSync(nodePath.join(root, relativePath)).size);
    if (problem) {
      problems.push(`${relativePath} ${problem}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `DataCenterFolder folder ${root} has files Bailian does not accept (${problems.join(", ")}); ` +
        `Bailian takes files of 1 to ${MAX_FILE_BYTES} bytes, so remove them or narrow extensions.`,
    );
  }
}

/** Throws when Bailian would reject the name of any file, which is its path's last segment. */
function rejectUnacceptableNames(root: string, relativePaths: string[]): void {
  const problems: string[] = [];
  for (const relativePath of relativePaths) {
    const problem = describeFileNameProblem(nodePath.posix.basename(relativePath));
    if (problem) {
      problems.push(`${relativePath}: the name ${problem}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `DataCenterFolder folder ${root} has files whose names Bailian rejects ` +
        `(${problems.join("; ")}); rename them, or remove them or narrow extensions.`,
    );
  }
}

/**
 * Throws when two files share a name. Bailian names a file by its last path segment, and a create
 * that finds a file of the same name and size in the category takes it over, so two such files
 * could end up as one.
 */
function rejectRepeatedNames(root: string, relativePaths: string[]): void {
  const pathsByName = new Map<string, string[]>();
  for (const relativePath of relativePaths) {
    const name = nodePath.posix.basename(relativePath);
    pathsByName.set(name, [...(pathsByName.get(name) ?? []), relativePath]);
  }
  const repeated = [...pathsByName.values()].filter((paths) => paths.length > 1);
  if (repeated.length > 0) {
    const listed = repeated.map((paths) => paths.join(" and ")).join("; ");
    throw new Error(
      `DataCenterFolder folder ${root} has files with the same name (${listed}); a Bailian ` +
        "category names files by their last path segment, so rename them or upload each " +
        "subfolder with its own DataCenterFolder and category.",
    );
  }
}

/**
 * Uploads every matching file of a local folder to a Bailian data center, one
 * {@link DataCenterFile} per file. Each child is named after its path relative to the folder, so
 * adding, changing or removing one file creates, replaces or deletes only that file's resource.
 */
export class DataCenterFolder extends pulumi.ComponentResource {
  /** The file ids, ordered by relative path. */
  public readonly fileIds: pulumi.Output<string[]>;
  /** File id by relative path (with `/` separators). */
  public readonly files: pulumi.Output<Record<string, string>>;
  /** The child resources by relative path. */
  public readonly children: Record<string, DataCenterFile>;

  constructor(name: string, args: DataCenterFolderArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bailian:index:DataCenterFolder", name, {}, opts);

    const root = resolveFolder(args.folder);
    const extensions = args.extensions ?? [...ACCEPTED_EXTENSIONS];
    const relativePaths = listFolderFiles(root, extensions, args.recursive ?? true);
    // Every file is checked before any child is declared, so a bad file uploads nothing.
    rejectUnacceptableNames(root, relativePaths);
    rejectRepeatedNames(root, relativePaths);
    rejectUnacceptableSizes(root, relativePaths);

    this.children = {};
    for (const relativePath of relativePaths) {
      this.children[relativePath] = new DataCenterFile(
        `${name}/${relativePath}`,
        {
          workspaceId: args.workspaceId,
          path: nodePath.join(root, relativePath),
          categoryId: args.categoryId,
          parser: args.parser,
          tags: args.tags,
          parseTimeoutSeconds: args.parseTimeoutSeconds,
          pollIntervalSeconds: args.pollIntervalSeconds,
          connection: args.connection,
        },
        { parent: this },
      );
    }

    const ids = relativePaths.map((relativePath) => this.children[relativePath].fileId);
    this.fileIds = pulumi.all(ids);
    this.files = pulumi
      .all(ids)
      .apply((values) =>
        Object.fromEntries(relativePaths.map((relativePath, i) => [relativePath, values[i]])),
      );
    this.registerOutputs({ fileIds: this.fileIds, files: this.files });
  }
}
