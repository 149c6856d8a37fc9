import { createHash } from "node:crypto";
import { startEmulator, type Emulator } from "pulumi-bailian/emulator";
import { $Bailian, captureError, officialClient, signedFetch, uploadFile } from "./helpers";

type Client = ReturnType<typeof officialClient>;

describe("emulator data center", () => {
  let emulator: Emulator;
  let client: Client;
  let ws: string;

  beforeEach(async () => {
    emulator = await startEmulator({ rateLimits: false });
    client = officialClient(emulator);
    ws = emulator.workspaceId;
  });

  afterEach(async () => {
    await emulator.close();
  });

  async function lease(bytes: Buffer, fileName = "a.txt") {
    const response = await client.applyFileUploadLease(
      "default",
      ws,
      new $Bailian.ApplyFileUploadLeaseRequest({
        fileName,
        md5: createHash("md5").update(bytes).digest("hex"),
        sizeInBytes: String(bytes.length),
      }),
    );
    return response.body!.data!;
  }

  const put = (url: string, headers: Record<string, string>, body: Buffer) =>
    fetch(url, { method: "PUT", headers, body }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { Code?: string; Message?: string },
    }));

  test("lease points back at the emulator with PUT and headers", async () => {
    const data = await lease(Buffer.from("hello"));
    expect(data.type).toBe("HTTP");
    expect(data.param!.method).toBe("PUT");
    expect(data.param!.url!.startsWith(`${emulator.endpoint}/`)).toBe(true);
    expect(Object.keys(data.param!.headers as object).sort()).toEqual([
      "Content-Type",
      "X-bailian-extra",
    ]);
  });

  test.each([
    ["a wrong size", (b: Buffer) => Buffer.concat([b, Buffer.from("!")]), {}, "SizeInBytes"],
    ["a wrong MD5", (b: Buffer) => Buffer.from(b.toString().toUpperCase()), {}, "Md5"],
    [
      "a missing X-bailian-extra header",
      (b: Buffer) => b,
      { "X-bailian-extra": "" },
      "X-bailian-extra",
    ],
  ])("upload rejects %s", async (_case, change, headerChange, word) => {
    const bytes = Buffer.from("hello");
    const data = await lease(bytes);
    const headers = { ...(data.param!.headers as Record<string, string>), ...headerChange };
    const response = await put(data.param!.url!, headers, change(bytes));
    expect(response.status).toBe(400);
    expect(response.body.Code).toBe("Upload.Rejected");
    expect(response.body.Message).toContain(word);
  });

  test("upload rejects a changed URL signature", async () => {
    const data = await lease(Buffer.from("hello"));
    const url = data.param!.url!.replace(/Signature=\w+/, "Signature=forged");
    const response = await put(
      url,
      data.param!.headers as Record<string, string>,
      Buffer.from("hello"),
    );
    expect(response.status).toBe(403);
    expect(response.body.Code).toBe("Upload.Forbidden");
  });

  test("AddFile rejects a lease without upload and a used lease", async () => {
    const data = await lease(Buffer.from("hello"));
    const add = () =>
      client.addFile(
        ws,
        new $Bailian.AddFileRequest({
          leaseId: data.fileUploadLeaseId,
          parser: "DASHSCOPE_DOCMIND",
          categoryId: "default",
        }),
      );
    const early = await captureError(add());
    expect(early.code).toBe("Lease.Invalid");
    expect(early.message).toContain("PUT the bytes");

    await put(
      data.param!.url!,
      data.param!.headers as Record<string, string>,
      Buffer.from("hello"),
    );
    await add();
    const reused = await captureError(add());
    expect(reused.code).toBe("Lease.Invalid");
    expect(reused.message).toContain("already used");
  });

  test("DeleteFile rejects a parsing file and deletes a parsed one", async () => {
    const fileId = await uploadFile(client, ws, "a.txt", Buffer.from("hello"));
    const parsing = await captureError(
      client.deleteFile(fileId, ws, new $Bailian.DeleteFileRequest({})),
    );
    expect(parsing.code).toBe("InvalidParameter");
    expect(parsing.message).toContain("Current file status does not support delete.");
    emulator.control.advance(10);
    const deleted = await client.deleteFile(fileId, ws, new $Bailian.DeleteFileRequest({}));
    expect(deleted.body!.data!.fileId).toBe(fileId);
    const afterDelete = await captureError(
      client.describeFile(ws, fileId, new $Bailian.DescribeFileRequest({})),
    );
    expect(afterDelete.code).toBe("File.NotFound");
  });

  test("ListFile pages with MaxResults and NextToken", async () => {
    const ids = emulator.control.seedFiles(
      Array.from({ length: 45 }, (_, i) => ({ name: `f${i}.txt`, content: `t${i}` })),
    );
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const response = await client.listFile(
        ws,
        new $Bailian.ListFileRequest({ categoryId: "default", maxResults: 20, nextToken }),
      );
      const data = response.body!.data!;
      seen.push(...data.fileList!.map((file) => file.fileId!));
      expect(data.totalCount).toBe(45);
      nextToken = data.hasNext ? data.nextToken : undefined;
      pages += 1;
    } while (nextToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  test("ListFile filters by FileName and FileIds", async () => {
    const ids = emulator.control.seedFiles([
      { name: "report 2024.txt", content: "a" },
      { name: "notes.txt", content: "b" },
    ]);
    const byName = await client.listFile(
      ws,
      new $Bailian.ListFileRequest({ categoryId: "default", fileName: "report" }),
    );
    expect(byName.body!.data!.fileList!.map((file) => file.fileId)).toEqual([ids[0]]);
    const byIds = await client.listFile(
      ws,
      new $Bailian.ListFileRequest({ categoryId: "default", fileIds: [ids[1]] }),
    );
    expect(byIds.body!.data!.fileList!.map((file) => file.fileName)).toEqual(["notes.txt"]);
  });

  test("ListCategory includes the default category", async () => {
    await client.addCategory(
      ws,
      new $Bailian.AddCategoryRequest({ categoryName: "manuals", categoryType: "UNSTRUCTURED" }),
    );
    const response = await client.listCategory(
      ws,
      new $Bailian.ListCategoryRequest({ categoryType: "UNSTRUCTURED" }),
    );
    const list = response.body!.data!.categoryList!;
    expect(list.map((category) => category.categoryName)).toEqual(["default", "manuals"]);
    expect(list[0].isDefault).toBe(true);
    expect(list[1].isDefault).toBe(false);
  });

  test("AddCategory stops at 1,000 categories", async () => {
    // 999 more next to the default category, sent 111 at a time.
    for (let batch = 0; batch < 9; batch += 1) {
      const names = Array.from({ length: 111 }, (_, i) => `c${batch}-${i}`);
      await Promise.all(
        names.map((name) =>
          client.addCategory(
            ws,
            new $Bailian.AddCategoryRequest({ categoryName: name, categoryType: "UNSTRUCTURED" }),
          ),
        ),
      );
    }
    const error = await captureError(
      client.addCategory(
        ws,
        new $Bailian.AddCategoryRequest({
          categoryName: "one too many",
          categoryType: "UNSTRUCTURED",
        }),
      ),
    );
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("Category.LimitExceeded");
  });

  test("an over-long request line gets a JSON 431", async () => {
    const response = await signedFetch(emulator, {
      method: "POST",
      path: `/${ws}/index/create`,
      action: "CreateIndex",
      query: {
        Name: "kb",
        // About 1.2 MiB of query: more than the emulator parses.
        DocumentIds: JSON.stringify(Array.from({ length: 90_000 }, (_, i) => `file_${i}`)),
      },
    });
    expect(response.status).toBe(431);
    expect(response.body.Message).toContain("1 MiB");
  });
});
