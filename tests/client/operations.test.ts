// Every client operation against the emulator over 127.0.0.1. The emulator verifies each
// signature, rejects lists that are not JSON text and checks each path, so a call that succeeds
// was sent as the API expects. The request log confirms the method and path of each call.
import { createHash } from "node:crypto";
import type { Emulator } from "../../emulator";
import {
  BailianApiError,
  BailianInputError,
  type BailianClient,
  type GetIndexJobStatusData,
} from "../../provider/client";
import { clientFor, pollUntil, rejectionOf, startLoggedEmulator } from "./helpers";

let emulator: Emulator;
let log: string[];
let client: BailianClient;
let workspace: string;

beforeEach(async () => {
  ({ emulator, log } = await startLoggedEmulator({ rateLimits: false }));
  client = clientFor(emulator);
  workspace = emulator.workspaceId;
});

afterEach(async () => {
  await emulator.close();
});

/** Returns the method, path and action of each logged request, without status and duration. */
function requestLines(): string[] {
  return log.map((line) => line.split(" ").slice(0, 3).join(" "));
}

function md5Of(content: string): string {
  return createHash("md5").update(content, "utf8").digest("hex");
}

async function uploadFile(categoryId: string, name: string, content: string): Promise<string> {
  const lease = await client.applyFileUploadLease(workspace, {
    CategoryId: categoryId,
    FileName: name,
    Md5: md5Of(content),
    SizeInBytes: Buffer.byteLength(content),
  });
  await client.uploadToLease(lease, content);
  const added = await client.addFile(workspace, {
    LeaseId: lease.FileUploadLeaseId,
    Parser: "DASHSCOPE_DOCMIND",
    CategoryId: categoryId,
    Tags: ["client-test", "docs"],
  });
  return added.FileId;
}

async function waitForJob(indexId: string, jobId: string): Promise<GetIndexJobStatusData> {
  return pollUntil(
    () => {
      emulator.control.advance(30);
      return client.getIndexJobStatus(workspace, { IndexId: indexId, JobId: jobId });
    },
    (status) => status.Status === "COMPLETED" || status.Status === "FAILED",
  );
}

describe("BailianClient data center operations", () => {
  it("runs category, lease, upload, file and listing calls", async () => {
    const category = await client.addCategory(workspace, {
      CategoryName: "client-docs",
      CategoryType: "UNSTRUCTURED",
    });
    expect(category.CategoryName).toBe("client-docs");

    const categories = await client.listCategory(workspace, { CategoryType: "UNSTRUCTURED" });
    const categoryIds = categories.CategoryList.map((entry) => entry.CategoryId);
    expect(categoryIds).toEqual(expect.arrayContaining(["default", category.CategoryId]));

    const first = await uploadFile(category.CategoryId, "first.txt", "Pulumi keeps state.");
    const second = await uploadFile(category.CategoryId, "second.md", "# Bailian\nKnowledge.");

    const described = await pollUntil(
      () => {
        emulator.control.advance(30);
        return client.describeFile(workspace, { FileId: first });
      },
      (file) => file.Status === "PARSE_SUCCESS" || file.Status === "PARSE_FAILED",
    );
    expect(described.Status).toBe("PARSE_SUCCESS");
    expect(described.FileName).toBe("first.txt");
    expect(described.Tags).toEqual(["client-test", "docs"]);
    expect(described.SizeInBytes).toBe(Buffer.byteLength("Pulumi keeps state."));

    const page1 = await client.listFile(workspace, {
      CategoryId: category.CategoryId,
      MaxResults: 1,
    });
    expect(page1.FileList).toHaveLength(1);
    expect(page1.HasNext).toBe(true);
    const page2 = await client.listFile(workspace, {
      CategoryId: category.CategoryId,
      MaxResults: 1,
      NextToken: page1.NextToken,
    });
    const pagedIds = [...page1.FileList, ...page2.FileList].map((file) => file.FileId);
    expect(pagedIds.sort()).toEqual([first, second].sort());

    const filtered = await client.listFile(workspace, {
      CategoryId: category.CategoryId,
      FileIds: [second],
    });
    expect(filtered.FileList.map((file) => file.FileId)).toEqual([second]);

    const deleted = await client.deleteFile(workspace, { FileId: first });
    expect(deleted.FileId).toBe(first);
    const describeError = await rejectionOf(client.describeFile(workspace, { FileId: first }));
    expect(describeError).toBeInstanceOf(BailianApiError);
    expect((describeError as BailianApiError).notFound).toBe(true);

    const ws = workspace;
    expect(requestLines()).toEqual(
      expect.arrayContaining([
        `POST /${ws}/datacenter/category/ AddCategory`,
        `POST /${ws}/datacenter/categories ListCategory`,
        `POST /${ws}/datacenter/category/${category.CategoryId} ApplyFileUploadLease`,
        `PUT /_emulator/upload/${lease(log)} upload`,
        `PUT /${ws}/datacenter/file AddFile`,
        `GET /${ws}/datacenter/file/${first}/ DescribeFile`,
        `GET /${ws}/datacenter/files ListFile`,
        `DELETE /${ws}/datacenter/file/${first}/ DeleteFile`,
      ]),
    );
  });
});

/** Returns the lease id of the first upload in the request log. */
function lease(lines: string[]): string {
  const upload = lines.find((line) => line.startsWith("PUT /_emulator/upload/"));
  return upload?.split(" ")[1].replace("/_emulator/upload/", "") ?? "<no upload logged>";
}

describe("BailianClient index operations", () => {
  it("builds, pages, appends, retrieves and deletes", async () => {
    const [alpha, beta, gamma] = emulator.control.seedFiles([
      { name: "alpha.txt", content: "Alpha explains how Pulumi stacks hold configuration." },
      { name: "beta.txt", content: "Beta describes Bailian knowledge base retrieval." },
      { name: "gamma.txt", content: "Gamma covers index jobs and document chunks." },
    ]);

    const created = await client.createIndex(workspace, {
      Name: "client-kb",
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
      SourceType: "DATA_CENTER_FILE",
      DocumentIds: [alpha, beta],
      ChunkSize: 200,
      OverlapSize: 20,
    });
    const indexId = created.Id;

    const job = await client.submitIndexJob(workspace, { IndexId: indexId });
    expect(job.IndexId).toBe(indexId);
    const finished = await waitForJob(indexId, job.Id);
    expect(finished.Status).toBe("COMPLETED");

    // Paging uses the lower-case pageSize: one document per page proves the name arrived.
    const pages = [1, 2, 3].map((page) =>
      client.getIndexJobStatus(workspace, {
        IndexId: indexId,
        JobId: job.Id,
        PageNumber: page,
        pageSize: 1,
      }),
    );
    const [page1, page2, page3] = await Promise.all(pages);
    expect(page1.Documents).toHaveLength(1);
    expect(page2.Documents).toHaveLength(1);
    expect(page3.Documents).toHaveLength(0);
    const pagedIds = [...page1.Documents, ...page2.Documents].map((document) => document.DocId);
    expect(pagedIds.sort()).toEqual([alpha, beta].sort());

    const listed = await client.listIndices(workspace, { IndexName: "client-kb" });
    expect(listed.Indices.map((index) => index.Id)).toEqual([indexId]);
    expect(listed.Indices[0].ChunkSize).toBe(200);

    const append = await client.submitIndexAddDocumentsJob(workspace, {
      IndexId: indexId,
      SourceType: "DATA_CENTER_FILE",
      DocumentIds: [gamma],
    });
    expect((await waitForJob(indexId, append.Id)).Status).toBe("COMPLETED");

    const documents = await client.listIndexDocuments(workspace, {
      IndexId: indexId,
      PageSize: 10,
    });
    expect(documents.TotalCount).toBe(3);
    expect(documents.Documents.every((document) => document.Status === "FINISH")).toBe(true);

    const retrieved = await client.retrieve(workspace, {
      IndexId: indexId,
      Query: "Bailian knowledge base retrieval",
      RerankTopN: 2,
      SearchFilters: [{ source: "test" }],
      Rerank: [{ ModelName: "gte-rerank-hybrid" }],
    });
    expect(retrieved.Nodes.length).toBeGreaterThan(0);
    expect(retrieved.Nodes[0].Text).toContain("Beta");
    expect(retrieved.Nodes[0].Score).toBeGreaterThan(0);
    expect(retrieved.Nodes[0].Score).toBeLessThanOrEqual(1);

    const removed = await client.deleteIndexDocument(workspace, {
      IndexId: indexId,
      DocumentIds: [gamma],
    });
    expect(removed.DeletedDocument).toEqual([gamma]);

    await client.deleteIndex(workspace, { IndexId: indexId });
    const after = await client.listIndices(workspace, { IndexName: "client-kb" });
    expect(after.Indices).toEqual([]);

    const ws = workspace;
    expect(requestLines()).toEqual(
      expect.arrayContaining([
        `POST /${ws}/index/create CreateIndex`,
        `POST /${ws}/index/submit_index_job SubmitIndexJob`,
        `GET /${ws}/index/job/status GetIndexJobStatus`,
        `GET /${ws}/index/list_indices ListIndices`,
        `POST /${ws}/index/add_documents_to_index SubmitIndexAddDocumentsJob`,
        `GET /${ws}/index/list_index_documents ListIndexDocuments`,
        `POST /${ws}/index/retrieve Retrieve`,
        `POST /${ws}/index/delete_index_document DeleteIndexDocument`,
        `POST /${ws}/index/delete DeleteIndex`,
      ]),
    );
  });

  it("builds from a category given as a JSON list", async () => {
    const category = await client.addCategory(workspace, {
      CategoryName: "seeded",
      CategoryType: "UNSTRUCTURED",
    });
    emulator.control.seedFiles([
      { name: "one.txt", content: "First seeded file.", categoryId: category.CategoryId },
    ]);
    const created = await client.createIndex(workspace, {
      Name: "by-category",
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
      SourceType: "DATA_CENTER_CATEGORY",
      CategoryIds: [category.CategoryId],
    });
    const job = await client.submitIndexJob(workspace, { IndexId: created.Id });
    const finished = await waitForJob(created.Id, job.Id);
    expect(finished.Status).toBe("COMPLETED");
    expect(finished.Documents.map((document) => document.DocName)).toEqual(["one.txt"]);
  });
});

describe("BailianClient request checks", () => {
  it("rejects a path id the SDK cannot sign", async () => {
    const error = await rejectionOf(client.describeFile(workspace, { FileId: "file'1" }));
    expect(error).toBeInstanceOf(BailianInputError);
    expect((error as BailianInputError).property).toBe("FileId");
    expect(error.message).toContain(`"file'1"`);
    expect(log).toEqual([]);
  });

  it("rejects a bad workspace id", async () => {
    const error = await rejectionOf(client.listIndices("llm ws/1"));
    expect((error as BailianInputError).property).toBe("WorkspaceId");
    expect(log).toEqual([]);
  });

  it("rejects a missing required field", async () => {
    const request = { IndexId: "idx-1" } as unknown as { IndexId: string; JobId: string };
    const error = await rejectionOf(client.getIndexJobStatus(workspace, request));
    expect(error).toBeInstanceOf(BailianInputError);
    expect((error as BailianInputError).property).toBe("JobId");
    expect(error.message).toContain("GetIndexJobStatus: JobId is required");
    expect(log).toEqual([]);
  });

  it("rejects an empty required list", async () => {
    const error = await rejectionOf(
      client.deleteIndexDocument(workspace, { IndexId: "idx-1", DocumentIds: [] }),
    );
    expect((error as BailianInputError).property).toBe("DocumentIds");
    expect(log).toEqual([]);
  });
});
