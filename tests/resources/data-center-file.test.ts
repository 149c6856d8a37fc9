import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as nodePath from "node:path";
import { BailianClient } from "../../provider/client";
import {
  AdoptMismatchError,
  AdoptTargetNotFoundError,
  FileParseFailedError,
  FileParseTimeoutError,
} from "../../provider/resources/errors";
import {
  checked,
  provider,
  rejection,
  requestCount,
  startFixture,
  type ResourceFixture,
} from "./fixture";

const files = provider("DataCenterFile");

function md5(content: string | Buffer): string {
  return createHash("md5").update(content).digest("hex");
}

describe("DataCenterFile provider", () => {
  let fixture: ResourceFixture;
  let client: BailianClient;
  let workspaceId: string;
  let folder: string;

  beforeEach(async () => {
    fixture = await startFixture({ timeScale: 100 });
    workspaceId = fixture.emulator.workspaceId;
    client = new BailianClient({ endpoint: fixture.emulator.endpoint });
    folder = mkdtempSync(nodePath.join(tmpdir(), "bailian-file-"));
  });

  afterEach(async () => {
    await fixture.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Writes a local file and returns checked inputs that describe it, as the SDK would. */
  function localFile(name: string, content: string | Buffer, extra: Record<string, unknown> = {}) {
    const path = nodePath.join(folder, name);
    writeFileSync(path, content);
    return checked("DataCenterFile", {
      workspaceId,
      path,
      fileName: name,
      md5: md5(content),
      sizeInBytes: Buffer.byteLength(content),
      pollIntervalSeconds: 0.05,
      parseTimeoutSeconds: 30,
      connection: fixture.connection,
      ...extra,
    });
  }

  async function defaultCategoryFiles(): Promise<string[]> {
    const data = await client.listFile(workspaceId, { CategoryId: "default", MaxResults: 100 });
    return data.FileList.map((file) => file.FileName);
  }

  it("uploads a file and waits until it is parsed", async () => {
    const result = await files.create(await localFile("guide.txt", "Refunds take five days."));

    expect(result.outs.fileId).toBe(result.id);
    expect(result.outs.status).toBe("PARSE_SUCCESS");
    expect(result.outs.sizeInBytes).toBe(23);
    expect(result.outs.parser).toBe("DASHSCOPE_DOCMIND");
    expect(result.outs.categoryId).toBe("default");
    const described = await client.describeFile(workspaceId, { FileId: result.id });
    expect(described.FileName).toBe("guide.txt");
    expect(described.Status).toBe("PARSE_SUCCESS");
  });

  it("deletes a corrupt PDF and names it in the error", async () => {
    const inputs = await localFile("broken.pdf", Buffer.from("%PDF-1.4\nnot really a PDF\n"));
    const error = await rejection(files.create(inputs));

    expect(error).toBeInstanceOf(FileParseFailedError);
    expect(error.message).toContain('"broken.pdf"');
    expect(error.message).toContain("PARSE_FAILED");
    expect(error.id).toBeUndefined();
    expect(await defaultCategoryFiles()).toEqual([]);
  });

  it("rejects a file that changed after the program read it", async () => {
    const inputs = await localFile("guide.txt", "first version");
    writeFileSync(String(inputs.path), "second version");

    const error = await rejection(files.create(inputs));

    expect(error.message).toContain("changed after the Pulumi program read it");
    expect(fixture.emulator.control.stats().requests.ApplyFileUploadLease).toBeUndefined();
  });

  it("reads the file, then nothing once it is deleted", async () => {
    const created = await files.create(await localFile("guide.md", "# Guide\n\nText."));

    const read = await files.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props.status).toBe("PARSE_SUCCESS");

    await files.delete(created.id, created.outs);
    expect(await defaultCategoryFiles()).toEqual([]);
    const afterDelete = await files.read(created.id, created.outs);
    expect(afterDelete.id).toBeUndefined();
  });

  it("treats deleting a missing file as done", async () => {
    const created = await files.create(await localFile("guide.txt", "text"));
    await client.deleteFile(workspaceId, { FileId: created.id });

    await expect(files.delete(created.id, created.outs)).resolves.toBeUndefined();
  });

  it("adopts a file by id and keeps it on delete", async () => {
    const [fileId] = fixture.emulator.control.seedFiles([{ name: "seeded.txt", content: "seed" }]);
    const inputs = await localFile("seeded.txt", "seed", { existingFileId: fileId });

    const result = await files.create(inputs);
    expect(result.id).toBe(fileId);
    expect(result.outs.adopted).toBe(true);
    expect(fixture.emulator.control.stats().requests.ApplyFileUploadLease).toBeUndefined();

    await files.delete(result.id, result.outs);
    expect(await defaultCategoryFiles()).toEqual(["seeded.txt"]);
  });

  it("rejects adopting a file with another name", async () => {
    const [fileId] = fixture.emulator.control.seedFiles([{ name: "seeded.txt", content: "seed" }]);
    const inputs = await localFile("other.txt", "seed", { existingFileId: fileId });
    const error = await rejection(files.create(inputs));

    expect(error).toBeInstanceOf(AdoptMismatchError);
    expect(error.message).toContain('fileName is "seeded.txt" there, "other.txt" requested');
  });

  it("rejects adopting a file that does not exist", async () => {
    const inputs = await localFile("seeded.txt", "seed", { existingFileId: "file-missing" });
    const error = await rejection(files.create(inputs));

    expect(error).toBeInstanceOf(AdoptTargetNotFoundError);
    expect(error.message).toContain('existingFileId "file-missing"');
  });

  it("uploads again unless name and size match", async () => {
    fixture.emulator.control.seedFiles([
      { name: "guide.txt", content: "old" },
      { name: "my-guide.txt", content: "new text" },
    ]);

    const result = await files.create(await localFile("guide.txt", "new text"));

    const stats = fixture.emulator.control.stats().requests;
    expect(stats.AddFile).toBe(1);
    expect(result.outs.adopted).toBe(false);
    expect((await defaultCategoryFiles()).sort()).toEqual([
      "guide.txt",
      "guide.txt",
      "my-guide.txt",
    ]);
  });

  it("updates a parsed file's path without a request", async () => {
    const created = await files.create(await localFile("guide.txt", "text"));
    fixture.emulator.control.resetStats();

    const moved = { ...created.outs, path: "/elsewhere/guide.txt" };
    const updated = await files.update(created.id, created.outs, moved);

    expect(updated.outs.path).toBe("/elsewhere/guide.txt");
    expect(updated.outs.fileId).toBe(created.id);
    expect(updated.outs.status).toBe("PARSE_SUCCESS");
    expect(requestCount(fixture.emulator)).toBe(0);
  });
});

describe("DataCenterFile parse timeout", () => {
  let fixture: ResourceFixture;
  let folder: string;

  beforeEach(async () => {
    // At a tenth of real time, parsing (5 simulated seconds) outlasts a 1-second wait limit.
    fixture = await startFixture({ timeScale: 0.1 });
    folder = mkdtempSync(nodePath.join(tmpdir(), "bailian-file-"));
  });

  afterEach(async () => {
    await fixture.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function slowFile() {
    const path = nodePath.join(folder, "slow.txt");
    writeFileSync(path, "slow text");
    return checked("DataCenterFile", {
      workspaceId: fixture.emulator.workspaceId,
      path,
      fileName: "slow.txt",
      md5: md5("slow text"),
      sizeInBytes: 9,
      pollIntervalSeconds: 0.05,
      parseTimeoutSeconds: 1,
      connection: fixture.connection,
    });
  }

  it("keeps the file and resumes waiting in update", async () => {
    const inputs = await slowFile();
    const error = await rejection(files.create(inputs));

    expect(error).toBeInstanceOf(FileParseTimeoutError);
    expect(typeof error.id).toBe("string");
    const keptState = error.properties as Record<string, unknown>;
    expect(keptState.fileId).toBe(error.id);
    expect(["INIT", "PARSING"]).toContain(keptState.status);

    fixture.emulator.control.advance(10);
    const updated = await files.update(String(error.id), keptState, inputs);
    expect(updated.outs.status).toBe("PARSE_SUCCESS");
    expect(fixture.emulator.control.stats().requests.AddFile).toBe(1);
  });

  it("takes over the copy of an interrupted create", async () => {
    const inputs = await slowFile();
    // The timed-out create stands for a pulumi up that was killed before it recorded the file.
    const interrupted = await rejection(files.create(inputs));
    const warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    fixture.emulator.control.advance(10);

    try {
      const result = await files.create(inputs);

      expect(result.id).toBe(interrupted.id);
      expect(result.outs.status).toBe("PARSE_SUCCESS");
      expect(result.outs.adopted).toBe(false);
      const warning = String(warnings.mock.calls[0]?.[0]);
      expect(warning).toContain('File "slow.txt" of 9 bytes already exists in category default');
      expect(warning).toContain(`(${String(interrupted.id)}, PARSE_SUCCESS)`);
      expect(warning).toContain("instead of uploading a second copy");
    } finally {
      warnings.mockRestore();
    }
    const stats = fixture.emulator.control.stats().requests;
    expect(stats.ApplyFileUploadLease).toBe(1);
    expect(stats.AddFile).toBe(1);
  });

  it("waits for parsing to end before deleting", async () => {
    const error = await rejection(files.create(await slowFile()));
    const keptState = error.properties as Record<string, unknown>;

    const deleting = files.delete(String(error.id), keptState);
    setTimeout(() => fixture.emulator.control.advance(10), 200);
    await deleting;

    const client = new BailianClient({ endpoint: fixture.emulator.endpoint });
    const afterDelete = await rejection(
      client.describeFile(fixture.emulator.workspaceId, { FileId: String(error.id) }),
    );
    expect(afterDelete.httpStatus).toBe(404);
  });
});

describe("DataCenterFile diff", () => {
  const olds = {
    workspaceId: "llm-ws",
    path: "/a/guide.txt",
    fileName: "guide.txt",
    md5: "0123456789abcdef0123456789abcdef",
    sizeInBytes: 10,
    categoryId: "default",
    parser: "DASHSCOPE_DOCMIND",
    pollIntervalSeconds: 15,
    parseTimeoutSeconds: 3600,
    fileId: "file-1",
    status: "PARSE_SUCCESS",
    __provider: "old",
  };

  it("updates a new path with the same name and content", async () => {
    const result = await files.diff("file-1", olds, { ...olds, path: "/b/guide.txt" });
    expect(result.changes).toBe(true);
    expect(result.replaces).toBeUndefined();
  });

  it("replaces new content", async () => {
    const result = await files.diff("file-1", olds, {
      ...olds,
      md5: "fedcba9876543210fedcba9876543210",
    });
    expect(result.replaces).toEqual(["md5"]);
  });

  it("replaces a new file name", async () => {
    const result = await files.diff("file-1", olds, { ...olds, fileName: "manual.txt" });
    expect(result.replaces).toEqual(["fileName"]);
  });

  it("ignores a change of the provider text alone", async () => {
    const result = await files.diff("file-1", olds, { ...olds, __provider: "new" });
    expect(result.changes).toBe(false);
  });
});
