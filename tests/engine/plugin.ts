// The real dynamic-provider plugin of @pulumi/pulumi (`cmd/dynamic-provider`), started as a child
// process and called over gRPC.
import * as grpc from "@grpc/grpc-js";
import * as path from "node:path";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { Child } from "./processes";
import { type PropertyMap, objectToStruct, structToObject } from "./values";

const PLUGIN_START_TIMEOUT_MS = 30_000;

/** A Create or Update whose resource exists but failed to initialize (`ErrorResourceInitFailed`). */
export class InitFailedError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: PropertyMap,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "InitFailedError";
  }
}

export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface PluginStartOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  engineAddress: string;
  onLine: (line: string) => void;
}

export class ProviderPlugin {
  private constructor(
    private readonly child: Child,
    private readonly client: provrpc.ResourceProviderClient,
  ) {}

  /** Starts the plugin and waits for the port it prints as its first stdout line. */
  static async start(options: PluginStartOptions): Promise<ProviderPlugin> {
    const script = path.join(
      path.dirname(require.resolve("@pulumi/pulumi/package.json")),
      "cmd",
      "dynamic-provider",
    );
    let resolvePort: (port: string) => void = () => undefined;
    const port = new Promise<string>((resolve) => (resolvePort = resolve));
    let portSeen = false;
    const child = new Child({
      command: process.execPath,
      args: [script, options.engineAddress],
      cwd: options.cwd,
      env: options.env,
      onLine: (line, stream) => {
        if (!portSeen && stream === "stdout") {
          portSeen = true;
          resolvePort(line.trim());
          return;
        }
        options.onLine(line);
      },
    });
    const started = await Promise.race([
      port,
      child.exited.then(
        (code) => new Error(`provider plugin exited with code ${code} before printing its port`),
      ),
      delay(PLUGIN_START_TIMEOUT_MS).then(
        () => new Error("provider plugin did not print its port within 30 s"),
      ),
    ]);
    if (started instanceof Error) {
      await child.kill();
      throw started;
    }
    const client = new provrpc.ResourceProviderClient(
      `127.0.0.1:${started}`,
      grpc.credentials.createInsecure(),
    );
    return new ProviderPlugin(child, client);
  }

  async configure(args: PropertyMap, variables: Record<string, string>): Promise<void> {
    const request = new provproto.ConfigureRequest();
    request.setArgs(objectToStruct(args));
    for (const [key, value] of Object.entries(variables)) {
      request.getVariablesMap().set(key, value);
    }
    request.setAcceptsecrets(true);
    request.setAcceptresources(false);
    await this.unary((cb) => this.client.configure(request, cb));
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap) {
    const request = new provproto.CheckRequest();
    request.setUrn(urn).setOlds(objectToStruct(olds)).setNews(objectToStruct(news));
    const response = await this.unary<provproto.CheckResponse>((cb) =>
      this.client.check(request, cb),
    );
    const failures = response
      .getFailuresList()
      .map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
    return { inputs: structToObject(response.getInputs()), failures };
  }

  async diff(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<DiffResult> {
    const request = new provproto.DiffRequest();
    request.setUrn(urn).setId(id).setOlds(objectToStruct(olds)).setNews(objectToStruct(news));
    request.setOldInputs(objectToStruct(oldInputs));
    const response = await this.unary<provproto.DiffResponse>((cb) =>
      this.client.diff(request, cb),
    );
    const changes = {
      [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
      [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
    } as const;
    return {
      changes: changes[response.getChanges() as 1 | 2] ?? "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(
    urn: string,
    properties: PropertyMap,
  ): Promise<{ id: string; outputs: PropertyMap }> {
    const request = new provproto.CreateRequest();
    request.setUrn(urn).setProperties(objectToStruct(properties));
    const response = await this.unary<provproto.CreateResponse>((cb) =>
      this.client.create(request, cb),
    );
    return { id: response.getId(), outputs: structToObject(response.getProperties()) };
  }

  async read(urn: string, id: string, properties: PropertyMap, inputs: PropertyMap) {
    const request = new provproto.ReadRequest();
    request
      .setUrn(urn)
      .setId(id)
      .setProperties(objectToStruct(properties))
      .setInputs(objectToStruct(inputs));
    const response = await this.unary<provproto.ReadResponse>((cb) =>
      this.client.read(request, cb),
    );
    const inputsRead = response.getInputs();
    return {
      id: response.getId(),
      outputs: structToObject(response.getProperties()),
      inputs: inputsRead ? structToObject(inputsRead) : undefined,
    };
  }

  async update(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<PropertyMap> {
    const request = new provproto.UpdateRequest();
    request.setUrn(urn).setId(id).setOlds(objectToStruct(olds)).setNews(objectToStruct(news));
    request.setOldInputs(objectToStruct(oldInputs));
    const response = await this.unary<provproto.UpdateResponse>((cb) =>
      this.client.update(request, cb),
    );
    return structToObject(response.getProperties());
  }

  async delete(
    urn: string,
    id: string,
    properties: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<void> {
    const request = new provproto.DeleteRequest();
    request
      .setUrn(urn)
      .setId(id)
      .setProperties(objectToStruct(properties))
      .setOldInputs(objectToStruct(oldInputs));
    await this.unary((cb) => this.client.delete(request, cb));
  }

  async close(): Promise<void> {
    this.client.close();
    await this.child.kill();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private unary<T = unknown>(
    call: (callback: (error: grpc.ServiceError | null, response: T) => void) => void,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      call((error, response) => (error ? reject(toProviderError(error)) : resolve(response)));
    });
  }
}

/** Turns a gRPC error into an `InitFailedError` when its status details carry one. */
function toProviderError(error: grpc.ServiceError): Error {
  const message = error.details || error.message;
  for (const raw of error.metadata?.get("grpc-status-details-bin") ?? []) {
    const status = statusproto.Status.deserializeBinary(new Uint8Array(raw as Buffer));
    for (const detail of status.getDetailsList()) {
      if (detail.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
        const failure = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
        return new InitFailedError(
          message,
          failure.getId(),
          structToObject(failure.getProperties()),
          failure.getReasonsList(),
        );
      }
    }
  }
  return new Error(message);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
