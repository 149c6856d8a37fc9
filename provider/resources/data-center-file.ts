// Provider of the DataCenterFile resource: one file uploaded to a workspace's data center and
// parsed.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as pulumi from "@pulumi/pulumi";
import type { FileDescription } from "../client/types";
import { BailianApiError } from "../client";
import { isNotFoundError, WorkspaceApi } from "./api";
import { checkDataCenterFile, type DataCenterFileInputs } from "./data-center-file-inputs";
import { diffInputs } from "./diff";
import {
  AdoptMismatchError,
  AdoptTargetNotFoundError,
  FileParseFailedError,
  FileParseTimeoutError,
  keepResource,
} from "./errors";
import { findUploadedCopy } from "./file-takeover";
import { isParseFinished, waitForParse, type ParseWaitOptions } from "./file-parse-wait";

/** State recorded for a DataCenterFile. */
export interface DataCenterFileOutputs extends DataCenterFileInputs {
  fileId: string;
  /** Parse status from DescribeFile: PARSE_SUCCESS once the resource is ready. */
  status: string;
  /** True when `existingFileId` adopted the file; destroy then keeps it unless asked. */
  adopted: boolean;
}

/** Reads the file and makes sure it still has the content the program saw. */
async function readContent(inputs: DataCenterFileInputs): Promise<Buffer> {
  const content = await readFile(inputs.path);
  const md5 = createHash("md5").update(content).digest("hex");
  if (md5 !== inputs.md5) {
    throw new Error(
      `File ${inputs.path} changed after the Pulumi program read it (MD5 ${inputs.md5}, now ` +
        `${md5}); run pulumi up again to upload the current content.`,
    );
  }
  return content;
}

function waitOptions(inputs: DataCenterFileInputs): ParseWaitOptions {
  return {
    pollIntervalSeconds: inputs.pollIntervalSeconds,
    timeoutSeconds: inputs.parseTimeoutSeconds,
  };
}

function outputs(
  inputs: DataCenterFileInputs,
  fileId: string,
  file: FileDescription | undefined,
  adopted: boolean,
): DataCenterFileOutputs {
  return {
    ...inputs,
    fileId,
    status: file?.Status ?? "INIT",
    sizeInBytes: file?.SizeInBytes ?? inputs.sizeInBytes,
    adopted,
  };
}

/**
 * Waits until the file is parsed; any other ending becomes an error. With `deleteIfFailed`, a file
 * that failed to parse is deleted so that a failed create leaves nothing behind.
 */
async function settleParse(
  api: WorkspaceApi,
  inputs: DataCenterFileInputs,
  fileId: string,
  { adopted, deleteIfFailed }: { adopted: boolean; deleteIfFailed: boolean },
): Promise<DataCenterFileOutputs> {
  const outcome = await waitForParse(api, fileId, waitOptions(inputs));
  const outs = outputs(inputs, fileId, outcome.file, adopted);
  if (outcome.state === "PARSE_SUCCESS") {
    return outs;
  }
  if (outcome.state === "TIMEOUT") {
    const lastStatus = outcome.file?.Status ?? "unknown";
    const error = new FileParseTimeoutError(
      api.workspaceId,
      fileId,
      inputs.fileName,
      lastStatus,
      inputs.parseTimeoutSeconds,
    );
    throw keepResource(error, fileId, { ...outs });
  }
  // The API gives no reason for a parse failure, so the message states the status.
  const error = new FileParseFailedError(
    api.workspaceId,
    fileId,
    inputs.fileName,
    "DescribeFile reports PARSE_FAILED",
  );
  if (!deleteIfFailed) {
    throw keepResource(error, fileId, { ...outs });
  }
  try {
    await api.deleteFile(fileId);
  } catch {
    throw keepResource(error, fileId, { ...outs });
  }
  throw error;
}

/** Makes sure the file to adopt exists and has the name the inputs give. */
async function checkAdoptedFile(
  api: WorkspaceApi,
  inputs: DataCenterFileInputs,
  fileId: string,
): Promise<void> {
  let file: FileDescription;
  try {
    file = await api.describeFile(fileId);
  } catch (error) {
    if (isNotFoundError(error)) {
      throw new AdoptTargetNotFoundError(api.workspaceId, "existingFileId", fileId);
    }
    throw error;
  }
  if (file.FileName !== inputs.fileName) {
    const actual = JSON.stringify(file.FileName);
    const difference = `fileName is ${actual} there, ${JSON.stringify(inputs.fileName)} requested`;
    throw new AdoptMismatchError(api.workspaceId, "existingFileId", fileId, [difference]);
  }
}

async function createFile(inputs: DataCenterFileInputs): Promise<pulumi.dynamic.CreateResult> {
  const api = new WorkspaceApi(inputs.workspaceId, inputs.connection);
  if (inputs.existingFileId !== undefined) {
    await checkAdoptedFile(api, inputs, inputs.existingFileId);
    const outs = await settleParse(api, inputs, inputs.existingFileId, {
      adopted: true,
      deleteIfFailed: false,
    });
    return { id: inputs.existingFileId, outs };
  }

  const content = await readContent(inputs);
  const copy = await findUploadedCopy(api, inputs);
  if (copy !== undefined) {
    const outs = await settleParse(api, inputs, copy.FileId, {
      adopted: false,
      deleteIfFailed: true,
    });
    return { id: copy.FileId, outs };
  }
  const lease = await api.applyFileUploadLease(inputs.categoryId, {
    FileName: inputs.fileName,
    Md5: inputs.md5,
    SizeInBytes: content.length,
    CategoryType: "UNSTRUCTURED",
  });
  await api.upload(lease, content);
  const fileId = await api.addFile({
    LeaseId: lease.FileUploadLeaseId,
    Parser: inputs.parser,
    CategoryId: inputs.categoryId,
    CategoryType: "UNSTRUCTURED",
    ...(inputs.tags !== undefined ? { Tags: inputs.tags } : {}),
  });
  const outs = await settleParse(api, inputs, fileId, { adopted: false, deleteIfFailed: true });
  return { id: fileId, outs };
}

async function readFileState(
  id: string,
  props: DataCenterFileOutputs,
): Promise<pulumi.dynamic.ReadResult> {
  const api = new WorkspaceApi(props.workspaceId, props.connection);
  try {
    const file = await api.describeFile(id);
    return { id, props: { ...props, status: file.Status, sizeInBytes: file.SizeInBytes } };
  } catch (error) {
    if (isNotFoundError(error)) {
      // A result without an id makes a refresh remove the file from the state.
      return {};
    }
    throw error;
  }
}

/** Deletes the file; a file still being parsed cannot be deleted, so that waits first. */
async function deleteFile(id: string, props: DataCenterFileOutputs): Promise<void> {
  if (!(props.deleteOnDestroy ?? !props.adopted)) {
    pulumi.log.info(
      `File "${props.fileName}" (${id}) stays in workspace ${props.workspaceId}: it was adopted, ` +
        "and deleteOnDestroy is not set.",
    );
    return;
  }
  const api = new WorkspaceApi(props.workspaceId, props.connection);
  try {
    await api.deleteFile(id);
  } catch (error) {
    if (isNotFoundError(error)) {
      return;
    }
    if (!(error instanceof BailianApiError)) {
      throw error;
    }
    const file = await api.describeFile(id);
    if (isParseFinished(file.Status)) {
      throw error;
    }
    await waitForParse(api, id, waitOptions(props));
    await api.deleteFile(id);
  }
}

/** The DataCenterFile provider. */
export const dataCenterFileProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    const { inputs, failures } = checkDataCenterFile(news);
    return { inputs, failures: failures.failures };
  },

  async diff(_id, olds, news) {
    // The file in Bailian is its name and bytes: a new local path with the same name and content
    // only updates the recorded path.
    return diffInputs(olds, news, {
      replaceKeys: [
        "workspaceId",
        "fileName",
        "md5",
        "sizeInBytes",
        "categoryId",
        "parser",
        "tags",
        "existingFileId",
      ],
      updateKeys: ["path", "parseTimeoutSeconds", "pollIntervalSeconds", "deleteOnDestroy"],
    });
  },

  async create(inputs) {
    return createFile(inputs as DataCenterFileInputs);
  },

  async read(id, props) {
    return readFileState(id, props as DataCenterFileOutputs);
  },

  async update(id, olds, news) {
    const old = olds as DataCenterFileOutputs;
    const inputs = news as DataCenterFileInputs;
    if (old.status === "PARSE_SUCCESS") {
      return { outs: { ...outputs(inputs, id, undefined, old.adopted), status: old.status } };
    }
    // An earlier create timed out or failed while the file was kept: wait for it again.
    const api = new WorkspaceApi(inputs.workspaceId, inputs.connection);
    const settled = { adopted: old.adopted, deleteIfFailed: false };
    return { outs: await settleParse(api, inputs, id, settled) };
  },

  async delete(id, props) {
    await deleteFile(id, props as DataCenterFileOutputs);
  },
};
