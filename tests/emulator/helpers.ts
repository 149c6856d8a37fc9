// Shared helpers of the emulator tests: the official SDK client, a hand-made signer for
// negative cases, and builders for small PDF and DOCX files.

import { createHash, createHmac, randomBytes } from "node:crypto";
import Client, * as $Bailian from "@alicloud/bailian20231229";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import JSZip from "jszip";
import type { Emulator } from "pulumi-bailian/emulator";

export { $Bailian };

/** Creates the official SDK client for the emulator, with its credentials unless overridden. */
export function officialClient(
  emulator: Emulator,
  credentials: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string } = {},
): Client {
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: credentials.accessKeyId ?? emulator.accessKeyId,
      accessKeySecret: credentials.accessKeySecret ?? emulator.accessKeySecret,
      securityToken: credentials.securityToken,
      endpoint: emulator.host,
      protocol: "http",
      readTimeout: 60000,
      connectTimeout: 5000,
    }),
  );
}

export interface SignedCall {
  method: string;
  path: string;
  action: string;
  query?: Record<string, string>;
  /** Overrides applied after signing, to build broken requests. */
  tamper?: (headers: Record<string, string>) => void;
  date?: Date;
  secret?: string;
  accessKeyId?: string;
  version?: string;
  /** Fixed signature nonce; random by default. */
  nonce?: string;
}

/** Sends an ACS3-HMAC-SHA256 request signed by this file's own implementation of the scheme. */
export async function signedFetch(emulator: Emulator, call: SignedCall) {
  const query = call.query ?? {};
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((name) => `${name}=${encode(query[name])}`)
    .join("&");

  const headers: Record<string, string> = {
    host: emulator.host,
    "x-acs-action": call.action,
    "x-acs-version": call.version ?? "2023-12-29",
    "x-acs-date": (call.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": call.nonce ?? randomBytes(16).toString("hex"),
    "x-acs-content-sha256": createHash("sha256").update("").digest("hex"),
  };

  const names = Object.keys(headers).sort();
  const canonical = [
    call.method,
    call.path,
    canonicalQuery,
    names.map((name) => `${name}:${headers[name]}\n`).join(""),
    names.join(";"),
    headers["x-acs-content-sha256"],
  ].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonical).digest("hex")}`;
  const signature = createHmac("sha256", call.secret ?? emulator.accessKeySecret)
    .update(stringToSign)
    .digest("hex");

  headers.authorization = `ACS3-HMAC-SHA256 Credential=${call.accessKeyId ?? emulator.accessKeyId},SignedHeaders=${names.join(";")},Signature=${signature}`;
  call.tamper?.(headers);

  // fetch sets the host header itself.
  delete headers.host;
  const url = `${emulator.endpoint}${call.path}${canonicalQuery ? `?${canonicalQuery}` : ""}`;
  const response = await fetch(url, { method: call.method, headers });
  const body = (await response.json()) as { Code?: string; Message?: string; RequestId?: string };
  return { status: response.status, headers: response.headers, body };
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Builds a one-page PDF whose page shows `text` (ASCII only) in Helvetica. */
export function buildPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** Builds a minimal DOCX (Office Open XML) with one paragraph per entry of `paragraphs`. */
export async function buildDocx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((text) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`).join("");
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

/** Applies for a lease, uploads the bytes with the lease's headers and adds the file. */
export async function uploadFile(
  client: Client,
  workspaceId: string,
  name: string,
  bytes: Buffer,
  categoryId = "default",
): Promise<string> {
  const lease = await client.applyFileUploadLease(
    categoryId,
    workspaceId,
    new $Bailian.ApplyFileUploadLeaseRequest({
      fileName: name,
      md5: createHash("md5").update(bytes).digest("hex"),
      sizeInBytes: String(bytes.length),
    }),
  );
  const param = lease.body!.data!.param!;
  const upload = await fetch(param.url!, {
    method: param.method,
    headers: param.headers as Record<string, string>,
    body: bytes,
  });
  if (upload.status !== 200) {
    throw new Error(`upload of ${name} failed with HTTP ${upload.status}: ${await upload.text()}`);
  }
  const added = await client.addFile(
    workspaceId,
    new $Bailian.AddFileRequest({
      leaseId: lease.body!.data!.fileUploadLeaseId,
      parser: "DASHSCOPE_DOCMIND",
      categoryId,
    }),
  );
  return added.body!.data!.fileId!;
}

/** Error fields an SDK call rejected with. */
export async function captureError(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    return error as Error & {
      code?: string;
      statusCode?: number;
      name: string;
      retryAfter?: number;
      data?: Record<string, unknown>;
    };
  }
  throw new Error("expected the call to fail, but it succeeded");
}
