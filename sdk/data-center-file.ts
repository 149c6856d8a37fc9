import * as nodePath from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../provider/config";
import { readLocalFile } from "./internal/local-file";
import { thinProvider } from "./internal/thin-provider";

/** Arguments of a {@link DataCenterFile}. */
export interface DataCenterFileArgs {
  /** Workspace whose data center receives the file, such as `llm-abc123`. */
  workspaceId: pulumi.Input<string>;
  /** Local file to upload, relative to the program's folder or absolute. */
  path: pulumi.Input<string>;
  /** Name in Bailian: 4 to 128 characters with the extension. Default: the path's last segment. */
  fileName?: pulumi.Input<string>;
  /** Data-center category; default `default`, the workspace's system category. */
  categoryId?: pulumi.Input<string>;
  /** Document parser; `DASHSCOPE_DOCMIND`, the default, is the only one Bailian documents. */
  parser?: pulumi.Input<string>;
  /** Up to 10 tags. */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /** How long to wait for parsing, in seconds; default 3600. */
  parseTimeoutSeconds?: pulumi.Input<number>;
  /**
   * Seconds between DescribeFile calls while parsing; default 15, which is also the minimum that
   * DescribeFile's API reference requests. Only a loopback endpoint (the local emulator) allows
   * less, down to 0.01.
   */
  pollIntervalSeconds?: pulumi.Input<number>;
  /** Id of an existing data-center file to adopt instead of uploading `path`. */
  existingFileId?: pulumi.Input<string>;
  /** Whether destroy deletes the file: default true, but false for an adopted file. */
  deleteOnDestroy?: pulumi.Input<boolean>;
  /**
   * Connection settings: region or endpoint, protocol and profile. Unset fields come from the
   * stack configuration (`bailian:*`) and then the environment.
   */
  connection?: pulumi.Input<ConnectionInputs>;
}

/**
 * A file in a Bailian workspace's data center: uploaded (ApplyFileUploadLease, the upload to the
 * lease URL, AddFile) and parsed, so that a knowledge base or an `IndexJob` can import it. Create
 * waits until DescribeFile reports PARSE_SUCCESS. A file that fails to parse is deleted again, and
 * the create fails with an error that names the file. When parsing takes longer than
 * `parseTimeoutSeconds`, the file is kept and the next `pulumi up` resumes waiting. When the
 * category already has a file of the same name and size, such as one uploaded by an interrupted
 * `pulumi up`, create takes that file over (with a warning) instead of uploading a second copy.
 *
 * The program reads the file to compute its MD5, so new content replaces the file in Bailian. The
 * file in Bailian is identified by its name and content: a new local path with the same name and
 * content only updates the recorded path, while a new name replaces the file. A refresh removes
 * the resource from the stack when the file no longer exists.
 */
export class DataCenterFile extends pulumi.dynamic.Resource {
  declare public readonly fileId: pulumi.Output<string>;
  declare public readonly fileName: pulumi.Output<string>;
  /** Parse status: PARSE_SUCCESS once created. */
  declare public readonly status: pulumi.Output<string>;
  declare public readonly sizeInBytes: pulumi.Output<number>;
  declare public readonly parser: pulumi.Output<string>;
  /** Hex MD5 of the uploaded bytes. */
  declare public readonly md5: pulumi.Output<string>;
  declare public readonly categoryId: pulumi.Output<string>;
  declare public readonly workspaceId: pulumi.Output<string>;
  /** True when `existingFileId` adopted the file. */
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: DataCenterFileArgs, opts?: pulumi.CustomResourceOptions) {
    const local = pulumi.output(args.path).apply(readLocalFile);
    const fileName =
      args.fileName ?? pulumi.output(args.path).apply((path) => nodePath.basename(path));
    super(
      thinProvider("DataCenterFile"),
      name,
      {
        // Every declared output needs a key here, or the SDK makes no Output for it.
        fileId: undefined,
        status: undefined,
        adopted: undefined,
        parser: undefined,
        categoryId: undefined,
        ...args,
        path: local.path,
        md5: local.md5,
        sizeInBytes: local.sizeInBytes,
        fileName,
      },
      opts,
      "bailian",
      "DataCenterFile",
    );
  }
}
