import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as nodePath from "node:path";
import { MAX_FILE_BYTES } from "../../provider/resources/data-center-file-inputs";

/** A local file as a DataCenterFile records it: absolute path, hex MD5 and size in bytes. */
export interface LocalFile {
  path: string;
  md5: string;
  sizeInBytes: number;
}

/** Reads a local file when the program runs, so its hash is an input of the resource. */
export function readLocalFile(path: string): LocalFile {
  const absolute = nodePath.resolve(path);
  let content: Buffer;
  try {
    content = readFileSync(absolute);
  } catch (error) {
    throw new Error(
      `DataCenterFile path ${JSON.stringify(path)} cannot be read (${(error as Error).message}); ` +
        "set path to an existing file, relative to the program's folder or absolute.",
      { cause: error },
    );
  }
  const sizeProblem = describeSizeProblem(content.length);
  if (sizeProblem) {
    throw new Error(
      `DataCenterFile path ${JSON.stringify(path)} ${sizeProblem}; Bailian accepts files of 1 to ` +
        `${MAX_FILE_BYTES} bytes, so remove the file or leave it out of the program.`,
    );
  }
  const md5 = createHash("md5").update(content).digest("hex");
  return { path: absolute, md5, sizeInBytes: content.length };
}

/** Says what is wrong with a file of `size` bytes for Bailian, or returns undefined. */
export function describeSizeProblem(size: number): string | undefined {
  if (size === 0) {
    return "is empty (0 bytes)";
  }
  if (size > MAX_FILE_BYTES) {
    return `is ${size} bytes`;
  }
  return undefined;
}
