// One Pulumi program takes a folder on disk to a knowledge base that returns results. It uploads
// the documents, creates a knowledge base and ingests the documents with an index job. It deploys
// an "app" only once a retrieval query against the ready knowledge base returns results.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as bailian from "pulumi-bailian";

const config = new pulumi.Config();
const workspaceId = config.require("workspaceId");
const documentsDir = config.get("documentsDir") || path.join(__dirname, "..", "..", "docs");
const knowledgeBaseName = config.get("knowledgeBaseName") ?? "pulumi-docs";
const query = config.get("query") ?? "How does the index job wait for a ready knowledge base?";

// Against the cloud the API requests at least 5 s between status calls (15 s for files), which
// are the defaults. The demo shortens them because its emulator runs in scaled time.
const pollIntervalSeconds = config.getNumber("pollIntervalSeconds");
const filePollIntervalSeconds = config.getNumber("filePollIntervalSeconds");

// How long `pulumi up` waits for the ingestion, and which document failures fail the deployment:
// by default any document that could not be indexed does.
const timeoutSeconds = config.getNumber("timeoutSeconds");
const failOn = config.get("failOn") as bailian.IndexJobArgs["failOn"];
const maxFailedRatio = config.getNumber("maxFailedRatio");

// The documents, one data-center file each, in a category of their own.
const documentsCategory = new bailian.Category("documents", {
  workspaceId,
  name: `${knowledgeBaseName}-files`,
});
const documents = new bailian.DataCenterFolder("documents", {
  workspaceId,
  folder: documentsDir,
  categoryId: documentsCategory.categoryId,
  pollIntervalSeconds: filePollIntervalSeconds,
});

// A knowledge base built over an empty category starts empty. An index job appends the
// documents, so adding a file later runs one small append job instead of a rebuild.
const sourceCategory = new bailian.Category("source", {
  workspaceId,
  name: `${knowledgeBaseName}-source`,
});
const knowledgeBase = new bailian.KnowledgeBase("knowledge-base", {
  workspaceId,
  name: knowledgeBaseName,
  categoryIds: [sourceCategory.categoryId],
  chunkSize: 600,
  overlapSize: 100,
});
const build = new bailian.IndexJob("build", {
  workspaceId,
  indexId: knowledgeBase.indexId,
  pollIntervalSeconds,
});
const ingest = new bailian.IndexJob("ingest", {
  workspaceId,
  // readyIndexId is known only once the build job is ready, so this job waits for it.
  indexId: build.readyIndexId,
  documents: { sourceType: "DATA_CENTER_FILE", ids: documents.fileIds },
  pollIntervalSeconds,
  timeoutSeconds,
  failOn,
  maxFailedRatio,
});

// The app deployment takes the index id that the ingest job releases once the knowledge base is
// ready, and first proves that a query against the knowledge base returns results.
const app = new bailian.RetrievalCheck("app", {
  workspaceId,
  indexId: ingest.readyIndexId,
  query,
});

export const indexId = knowledgeBase.indexId;
export const jobId = ingest.jobId;
export const jobStatus = ingest.jobStatus;
export const documentCounts = ingest.documentCounts;
export const documentStatuses = ingest.indexedDocuments.apply((list) =>
  list.map((document) => ({
    name: document.name,
    status: document.status,
    code: document.code,
    message: document.message,
  })),
);
export const appReady = app.resultCount.apply((count) => count > 0);
export const appTopResult = app.nodes.apply((nodes) => nodes[0]?.text ?? "");
