import { Worker } from "node:worker_threads";

// PDF text extraction with pdf-parse 2.4 in a worker thread. pdf-parse loads its pdf.js worker
// with a dynamic import(), which jest's module sandbox rejects. A worker thread runs outside the
// sandbox, and it also keeps the CPU-heavy parse off the thread that serves requests.

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { PDFParse } = require(workerData.modulePath);
(async () => {
  const parser = new PDFParse({ data: workerData.bytes });
  try {
    const result = await parser.getText({ pageJoiner: "" });
    parentPort.postMessage({ text: result.text });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  } finally {
    await parser.destroy();
  }
})();
`;

/** Maximum real milliseconds one PDF parse may take before the worker is stopped. */
const PARSE_TIMEOUT_MS = 30_000;

/** Extracts the text of a PDF; rejects when the bytes are not a readable PDF. */
export function extractPdfText(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath: require.resolve("pdf-parse"), bytes: new Uint8Array(bytes) },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`PDF parsing did not finish within ${PARSE_TIMEOUT_MS} ms.`));
    }, PARSE_TIMEOUT_MS);
    const finish = () => clearTimeout(timer);
    worker.once("message", (message: { text?: string; error?: string }) => {
      finish();
      if (message.error !== undefined) {
        reject(new Error(message.error));
      } else {
        resolve(message.text ?? "");
      }
    });
    worker.once("error", (error) => {
      finish();
      reject(error);
    });
    worker.once("exit", (code) => {
      finish();
      reject(new Error(`The PDF worker exited with code ${code} before it returned text.`));
    });
  });
}
