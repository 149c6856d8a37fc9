// The example program's life on one stack, step by step: the first `up`, an `up` with nothing
// changed, a document added, a document that cannot be indexed, documents deleted behind the
// stack's back and refreshed, and `destroy`. Each test continues the stack the previous one left,
// so a failure early on also fails the later tests; read the first failure first.
import type { DocumentResult } from "../../provider/index-job/types";
import type { OperationResult } from "../engine";
import { jobsOfKind } from "./emulator-jobs";
import { ExampleStack, outputsOf, resourceOf, stepList } from "./example-stack";
import { expectLogsWithoutSecret, expectStateWithoutSecret } from "./secret-check";

/** The stack output `documentStatuses`, one entry per ingested document. */
interface DocumentStatus {
  name: string;
  status: string;
  code: string;
  message: string;
}

const DOCUMENTS = {
  // The example's default query is about how the index job waits, so this document matches it.
  "index-job.md": "# Index jobs\n\nThe index job waits until the knowledge base is ready.\n",
  "refunds.md": "# Refunds\n\nRefunds take five working days.\n",
  "shipping.txt": "Shipping is free for orders above 50 euros.\n",
};
const ADDED_DOCUMENT = "returns.md";
// A file of 0 bytes is rejected before upload (Bailian accepts files of 1 byte or more), so
// the document without text is whitespace only. It parses, and the index job then rejects it.
const BLANK_DOCUMENT = "blank.txt";
const EMPTY_CONTENT_CODE = "Index.Document.EmptyContent";

function documentStatuses(result: OperationResult): DocumentStatus[] {
  return result.outputs.documentStatuses as DocumentStatus[];
}

function statusByName(result: OperationResult): Record<string, string> {
  return Object.fromEntries(documentStatuses(result).map((entry) => [entry.name, entry.status]));
}

function fileIdOf(result: OperationResult, name: string): string {
  return resourceOf(result, "DataCenterFile", `documents/${name}`).id!;
}

describe("example program lifecycle", () => {
  let stack: ExampleStack;
  let firstUp: OperationResult;

  beforeAll(async () => {
    stack = await ExampleStack.start({ documents: DOCUMENTS });
  });

  afterAll(async () => {
    await stack?.close();
  });

  test("up ingests every document", async () => {
    firstUp = await stack.run("up");

    expect(firstUp.error).toBeUndefined();
    expect(firstUp.outputs.jobStatus).toBe("COMPLETED");
    expect(statusByName(firstUp)).toEqual({
      "index-job.md": "FINISH",
      "refunds.md": "FINISH",
      "shipping.txt": "FINISH",
    });
    expect(firstUp.outputs.documentCounts).toEqual({
      total: 3,
      finished: 3,
      failed: 0,
      running: 0,
      deleted: 0,
    });
    expect(firstUp.outputs.appReady).toBe(true);

    // One append job carried exactly the uploaded files.
    const appends = jobsOfKind(stack.emulator.control, "append");
    expect(appends.map((job) => job.jobId)).toEqual([firstUp.outputs.jobId]);
    const fileIds = Object.keys(DOCUMENTS).map((name) => fileIdOf(firstUp, name));
    expect([...appends[0].documentIds].sort()).toEqual([...fileIds].sort());
  });

  test("up with nothing changed submits no job", async () => {
    const control = stack.emulator.control;
    const submittedBefore = control.stats().jobsSubmitted;
    const jobsBefore = control.jobs();

    const result = await stack.run("up");

    expect(result.error).toBeUndefined();
    expect(control.stats().jobsSubmitted).toBe(submittedBefore);
    expect(control.jobs()).toEqual(jobsBefore);
    expect(result.steps.length).toBeGreaterThan(0);
    expect(stepList(result).filter((step) => !step.endsWith(": same"))).toEqual([]);
    expect(result.outputs).toEqual(firstUp.outputs);
  });

  test("added document runs one append job", async () => {
    const control = stack.emulator.control;
    const jobsBefore = control.jobs();
    stack.writeDocument(
      ADDED_DOCUMENT,
      "# Returns\n\nReturned goods must arrive within 30 days.\n",
    );

    const result = await stack.run("up");

    expect(result.error).toBeUndefined();
    const newJobs = control.jobs().slice(jobsBefore.length);
    expect(newJobs).toHaveLength(1);
    expect(newJobs[0].kind).toBe("append");
    expect(newJobs[0].documentIds).toEqual([fileIdOf(result, ADDED_DOCUMENT)]);

    // The other files keep their resources and their ids in Bailian.
    const steps = stepList(result);
    expect(steps).toContain(`documents/${ADDED_DOCUMENT}: create`);
    for (const name of Object.keys(DOCUMENTS)) {
      expect(steps).toContain(`documents/${name}: same`);
      expect(fileIdOf(result, name)).toBe(fileIdOf(firstUp, name));
    }
    expect(steps).toContain("ingest: update");
    expect(statusByName(result)[ADDED_DOCUMENT]).toBe("FINISH");
    expect(documentStatuses(result)).toHaveLength(4);
    expect(result.outputs.appReady).toBe(true);
  });

  test("blank document fails up under the default policy", async () => {
    const control = stack.emulator.control;
    const jobsBefore = control.jobs();
    stack.writeDocument(BLANK_DOCUMENT, " \n\n");

    const result = await stack.run("up");

    expect(result.ok).toBe(false);
    expect(result.error).toContain(BLANK_DOCUMENT);
    expect(result.error).toContain(EMPTY_CONTENT_CODE);
    expect(result.error).toContain("is not ready");
    const newJobs = control.jobs().slice(jobsBefore.length);
    expect(newJobs.map((job) => job.documentIds.length)).toEqual([1]);

    // The engine keeps the IndexJob with the job's outcome, so the next up updates it.
    const ingest = stack.storedResource("ingest");
    expect(ingest?.initErrors?.length).toBeGreaterThan(0);
    expect(ingest?.outputs.jobId).toBe(newJobs[0].jobId);
  });

  test("failed-ratio policy accepts the blank document", async () => {
    const submittedBefore = stack.emulator.control.stats().jobsSubmitted;
    stack.extraConfig.failOn = "failed-ratio";
    stack.extraConfig.maxFailedRatio = "0.5";

    const result = await stack.run("up");

    expect(result.error).toBeUndefined();
    expect(stack.emulator.control.stats().jobsSubmitted).toBe(submittedBefore);
    const blank = documentStatuses(result).find((entry) => entry.name === BLANK_DOCUMENT);
    expect(blank?.status).toBe("INSERT_ERROR");
    expect(blank?.code).toBe(EMPTY_CONTENT_CODE);
    expect(result.outputs.documentCounts).toMatchObject({ total: 5, finished: 4, failed: 1 });
    expect(result.outputs.appReady).toBe(true);
    expect(stack.storedResource("ingest")?.initErrors).toBeUndefined();
  });

  test("refresh shows deleted documents", async () => {
    const before = stack.results[stack.results.length - 1];
    const indexId = outputsOf(before, "KnowledgeBase", "knowledge-base").indexId as string;
    const deletedIds = ["refunds.md", "shipping.txt"].map((name) => fileIdOf(before, name));
    await stack.client.deleteIndexDocument(stack.workspaceId, {
      IndexId: indexId,
      DocumentIds: deletedIds,
    });

    const result = await stack.run("refresh");

    expect(result.error).toBeUndefined();
    const ingest = outputsOf(result, "IndexJob", "ingest");
    const documents = ingest.indexedDocuments as DocumentResult[];
    const statuses = Object.fromEntries(
      documents.map((document) => [document.documentId, document.status]),
    );
    expect(statuses).toEqual({
      [fileIdOf(before, "index-job.md")]: "FINISH",
      [deletedIds[0]]: "DELETED",
      [deletedIds[1]]: "DELETED",
      [fileIdOf(before, ADDED_DOCUMENT)]: "FINISH",
      [fileIdOf(before, BLANK_DOCUMENT)]: "INSERT_ERROR",
    });
    expect(ingest.documentCounts).toMatchObject({ total: 5, deleted: 2 });
  });

  test("destroy removes documents, knowledge base and files", async () => {
    const before = stack.results[stack.results.length - 1];
    const indexId = outputsOf(before, "KnowledgeBase", "knowledge-base").indexId as string;
    const categoryIds = ["documents", "source"].map(
      (name) => resourceOf(before, "Category", name).id!,
    );

    const control = stack.emulator.control;
    const documentDeletesBefore = control.stats().requests.DeleteIndexDocument ?? 0;

    const result = await stack.run("destroy");

    expect(result.error).toBeUndefined();
    expect(stack.engine().state().resources).toEqual([]);
    // The IndexJob removed its documents. The engine deletes it before the knowledge base.
    expect(control.stats().requests.DeleteIndexDocument).toBeGreaterThan(documentDeletesBefore);
    const client = stack.client;
    const workspaceId = stack.workspaceId;
    expect((await client.listIndices(workspaceId, { PageSize: 100 })).TotalCount).toBe(0);
    await expect(
      client.listIndexDocuments(workspaceId, { IndexId: indexId }),
    ).rejects.toMatchObject({ code: "Index.NotFound" });
    for (const categoryId of categoryIds) {
      const files = await client.listFile(workspaceId, { CategoryId: categoryId, MaxResults: 100 });
      expect(files.TotalCount).toBe(0);
    }

    // The API has no operation that deletes a category, so both stay.
    const categories = await client.listCategory(workspaceId, {
      CategoryType: "UNSTRUCTURED",
      MaxResults: 100,
    });
    const remaining = categories.CategoryList.map((category) => category.CategoryId);
    expect(remaining).toEqual(expect.arrayContaining(categoryIds));
  });

  test("AccessKey secret stays out of state and logs", () => {
    expect(stack.results.length).toBeGreaterThanOrEqual(7);
    expectStateWithoutSecret(stack);
    expectLogsWithoutSecret(stack);
  });
});
