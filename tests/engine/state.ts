// The JSON state file. In memory, secret values are plain secret wrappers. On disk, each secret
// is AES-256-GCM encrypted with a random key kept next to the state file (`<stateFile>.key`), so
// the state file itself never contains a secret in plaintext.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackState, StoredResource } from "./types";
import { SECRET_SIG, SPECIAL_SIG_KEY, isSecretWrapper, wrapSecret } from "./values";

const CIPHERTEXT_KEY = "ciphertext";

export function emptyState(project: string, stack: string): StackState {
  return { version: 1, project, stack, resources: [] };
}

/** Reads the raw state file, with secrets still encrypted. Returns undefined if there is no file. */
export function readStateFile(stateFile: string): StackState | undefined {
  if (!fs.existsSync(stateFile)) {
    return undefined;
  }
  return JSON.parse(fs.readFileSync(stateFile, "utf8")) as StackState;
}

export class StateStore {
  private key: Buffer | undefined;
  private writeCount = 0;

  constructor(private readonly stateFile: string) {}

  /** Loads the state with secrets decrypted into secret wrappers. */
  load(project: string, stack: string): StackState {
    const raw = readStateFile(this.stateFile);
    if (!raw) {
      return emptyState(project, stack);
    }
    return {
      ...raw,
      resources: raw.resources.map((resource) => this.mapSecrets(resource, (v) => this.decrypt(v))),
    };
  }

  /** Writes the state atomically: a temporary file in the same folder, then a rename. */
  save(state: StackState): void {
    const onDisk: StackState = {
      ...state,
      resources: state.resources.map((resource) =>
        this.mapSecrets(resource, (v) => this.encrypt(v)),
      ),
    };
    fs.mkdirSync(path.dirname(this.stateFile), { recursive: true });
    this.writeCount += 1;
    const temporary = `${this.stateFile}.${process.pid}.${this.writeCount}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(onDisk, null, 2) + "\n");
    fs.renameSync(temporary, this.stateFile);
  }

  private mapSecrets(resource: StoredResource, map: (v: unknown) => unknown): StoredResource {
    return {
      ...resource,
      inputs: map(resource.inputs) as StoredResource["inputs"],
      outputs: map(resource.outputs) as StoredResource["outputs"],
    };
  }

  private encrypt(value: unknown): unknown {
    if (isSecretWrapper(value)) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", this.secretKey(), iv);
      const plaintext = Buffer.from(JSON.stringify(value.value ?? null), "utf8");
      const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const sealed = Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
      return { [SPECIAL_SIG_KEY]: SECRET_SIG, [CIPHERTEXT_KEY]: sealed };
    }
    return this.mapChildren(value, (child) => this.encrypt(child));
  }

  private decrypt(value: unknown): unknown {
    if (isSecretWrapper(value)) {
      const record = value as Record<string, unknown>;
      if (typeof record[CIPHERTEXT_KEY] !== "string") {
        return value;
      }
      const sealed = Buffer.from(record[CIPHERTEXT_KEY] as string, "base64");
      const decipher = createDecipheriv("aes-256-gcm", this.secretKey(), sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      const plaintext = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
      return wrapSecret(JSON.parse(plaintext.toString("utf8")));
    }
    return this.mapChildren(value, (child) => this.decrypt(child));
  }

  private mapChildren(value: unknown, map: (child: unknown) => unknown): unknown {
    if (Array.isArray(value)) {
      return value.map(map);
    }
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, map(v)]));
    }
    return value;
  }

  private secretKey(): Buffer {
    if (this.key) {
      return this.key;
    }
    const keyFile = `${this.stateFile}.key`;
    if (fs.existsSync(keyFile)) {
      this.key = Buffer.from(fs.readFileSync(keyFile, "utf8").trim(), "base64");
    } else {
      fs.mkdirSync(path.dirname(keyFile), { recursive: true });
      this.key = randomBytes(32);
      fs.writeFileSync(keyFile, this.key.toString("base64") + "\n", { mode: 0o600 });
    }
    if (this.key.length !== 32) {
      throw new Error(`invalid secret key file ${keyFile}: expected 32 bytes in base64`);
    }
    return this.key;
  }
}
