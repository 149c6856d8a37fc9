// Finding a copy of a file that an interrupted create already uploaded, so that the next create
// takes it over instead of uploading the file a second time.
import * as pulumi from "@pulumi/pulumi";
import type { FileDescription } from "../client/types";
import type { WorkspaceApi } from "./api";
import type { DataCenterFileInputs } from "./data-center-file-inputs";

/**
 * Returns a file in the input category with the same name and size as the input file, preferring
 * one that did not fail to parse, and logs a warning that the resource now manages it. Returns
 * undefined when the category has no such file.
 *
 * NOTE: ListFile reports no MD5, so a different file of the same name and size in the same
 * category is taken over too. Two resources of one program that upload equally sized files of one
 * name to one category can therefore end up managing a single file. DataCenterFolder rejects
 * repeated names within a folder for this reason; separate DataCenterFile resources are not
 * checked.
 */
export async function findUploadedCopy(
  api: WorkspaceApi,
  inputs: DataCenterFileInputs,
): Promise<FileDescription | undefined> {
  const named = await api.listFilesNamed(inputs.categoryId, inputs.fileName);
  const sameSize = named.filter((file) => file.SizeInBytes === inputs.sizeInBytes);
  const copy = sameSize.find((file) => file.Status !== "PARSE_FAILED") ?? sameSize[0];
  if (copy === undefined) {
    return undefined;
  }
  pulumi.log.warn(
    `File "${inputs.fileName}" of ${inputs.sizeInBytes} bytes already exists in category ` +
      `${inputs.categoryId} of workspace ${api.workspaceId} (${copy.FileId}, ${copy.Status}), ` +
      "most likely uploaded by an interrupted pulumi up; this resource now manages it and " +
      "deletes it on destroy instead of uploading a second copy.",
  );
  return copy;
}
