import mammoth from "mammoth";
import { parse as parseHtml } from "node-html-parser";
import type { ParseOutcome } from "./model";
import { extractPdfText } from "./pdf-text";

/** File extensions the data center accepts; html and htm are an emulator extension. */
export const ALLOWED_EXTENSIONS = ["pdf", "doc", "docx", "md", "txt", "ppt", "pptx", "html", "htm"];

export interface ParseResult {
  outcome: Exclude<ParseOutcome, "pending">;
  text?: string;
}

/** Lower-case extension without the dot, or "" when the name has none. */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * Extracts the text of an uploaded file. Types the emulator cannot read (doc, ppt, pptx) parse
 * as "unsupported", which later fails index insertion instead of the parse itself.
 */
export async function parseDocument(name: string, bytes: Buffer): Promise<ParseResult> {
  const extension = fileExtension(name);
  try {
    switch (extension) {
      case "txt":
      case "md":
        return decodeUtf8(bytes);
      case "html":
      case "htm":
        return { outcome: "success", text: htmlToText(bytes.toString("utf8")) };
      case "pdf":
        return { outcome: "success", text: await extractPdfText(bytes) };
      case "docx":
        return {
          outcome: "success",
          text: (await mammoth.extractRawText({ buffer: bytes })).value,
        };
      default:
        return { outcome: "unsupported" };
    }
  } catch {
    return { outcome: "failed" };
  }
}

/**
 * Text of a seeded file: html is converted, doc, ppt and pptx are unsupported as in uploads, and
 * everything else (pdf and docx included) is taken as plain text.
 */
export function parseSeededText(name: string, content: string): ParseResult {
  const extension = fileExtension(name);
  if (extension === "html" || extension === "htm") {
    return { outcome: "success", text: htmlToText(content) };
  }
  if (UNREADABLE_EXTENSIONS.includes(extension)) {
    return { outcome: "unsupported" };
  }
  return { outcome: "success", text: content };
}

/** Accepted types whose text the emulator cannot extract. */
const UNREADABLE_EXTENSIONS = ["doc", "ppt", "pptx"];

function decodeUtf8(bytes: Buffer): ParseResult {
  try {
    return { outcome: "success", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { outcome: "failed" };
  }
}

function htmlToText(html: string): string {
  const root = parseHtml(html);
  root.querySelectorAll("script, style").forEach((element) => element.remove());
  return root.structuredText;
}
