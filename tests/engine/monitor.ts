// gRPC server for the program runner: the `ResourceMonitor` and `Engine` services, bound to
// 127.0.0.1 on a free port. Resource work is delegated to a `MonitorHandler`.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { type PropertyMap, objectToStruct, structToObject } from "./values";

/** Monitor features reported as supported. Every other feature is reported unsupported. */
const SUPPORTED_FEATURES = new Set(["secrets"]);

const SEVERITIES = ["debug", "info", "warning", "error"];

export interface Registration {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  inputs: PropertyMap;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  provider: string;
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
  acceptSecrets: boolean;
}

export interface RegistrationResult {
  urn: string;
  id?: string;
  outputs: PropertyMap;
}

/** A `Resource.get` call: look up an existing resource by id instead of managing it. */
export interface ReadRequest {
  id: string;
  type: string;
  name: string;
  parent: string;
  properties: PropertyMap;
  dependencies: string[];
  provider: string;
  additionalSecretOutputs: string[];
  acceptSecrets: boolean;
}

export interface MonitorHandler {
  registerResource(registration: Registration): Promise<RegistrationResult>;
  readResource(request: ReadRequest): Promise<RegistrationResult>;
  registerResourceOutputs(urn: string, outputs: PropertyMap): Promise<void>;
  log(severity: string, message: string, urn: string): void;
}

export class MonitorServer {
  private rootUrn = "";

  private constructor(
    private readonly server: grpc.Server,
    readonly address: string,
  ) {}

  static async start(handler: MonitorHandler): Promise<MonitorServer> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      );
    });
    const monitor = new MonitorServer(server, `127.0.0.1:${port}`);
    // Methods left out of these objects return UNIMPLEMENTED, which the SDK tolerates.
    server.addService(
      resrpc.ResourceMonitorService,
      monitor.resourceMonitor(handler) as grpc.UntypedServiceImplementation,
    );
    server.addService(
      engrpc.EngineService,
      monitor.engine(handler) as grpc.UntypedServiceImplementation,
    );
    return monitor;
  }

  /** Stops the server, cancelling calls still in flight. */
  close(): void {
    this.server.forceShutdown();
  }

  private resourceMonitor(handler: MonitorHandler): Partial<resrpc.IResourceMonitorServer> {
    return {
      supportsFeature: (call, callback) => {
        const response = new resproto.SupportsFeatureResponse();
        response.setHassupport(SUPPORTED_FEATURES.has(call.request.getId()));
        callback(null, response);
      },
      registerResource: (call, callback) => {
        handler.registerResource(toRegistration(call.request)).then(
          (result) => callback(null, toRegisterResponse(result)),
          (error: Error) => callback({ code: grpc.status.UNKNOWN, details: error.message }),
        );
      },
      readResource: (call, callback) => {
        handler.readResource(toReadRequest(call.request)).then(
          (result) => {
            const response = new resproto.ReadResourceResponse();
            response.setUrn(result.urn).setProperties(objectToStruct(result.outputs));
            callback(null, response);
          },
          (error: Error) => callback({ code: grpc.status.UNKNOWN, details: error.message }),
        );
      },
      registerResourceOutputs: (call, callback) => {
        const outputs = structToObject(call.request.getOutputs());
        handler.registerResourceOutputs(call.request.getUrn(), outputs).then(
          () => callback(null, new Empty()),
          (error: Error) => callback({ code: grpc.status.UNKNOWN, details: error.message }),
        );
      },
      signalAndWaitForShutdown: (_call, callback) => callback(null, new Empty()),
      invoke: (call, callback) => {
        // NOTE: no provider functions are implemented, so a program that calls one fails with this error.
        const token = call.request.getTok();
        callback({
          code: grpc.status.UNIMPLEMENTED,
          details: `the test engine does not implement function ${token}`,
        });
      },
    };
  }

  private engine(handler: MonitorHandler): Partial<engrpc.IEngineServer> {
    return {
      log: (call, callback) => {
        const request = call.request;
        handler.log(
          SEVERITIES[request.getSeverity()] ?? "info",
          request.getMessage(),
          request.getUrn(),
        );
        callback(null, new Empty());
      },
      setRootResource: (call, callback) => {
        this.rootUrn = call.request.getUrn();
        callback(null, new engproto.SetRootResourceResponse());
      },
      getRootResource: (_call, callback) => {
        callback(null, new engproto.GetRootResourceResponse().setUrn(this.rootUrn));
      },
    };
  }
}

function toRegistration(request: resproto.RegisterResourceRequest): Registration {
  const propertyDependencies: Record<string, string[]> = {};
  request.getPropertydependenciesMap().forEach((value, key) => {
    propertyDependencies[key] = value.getUrnsList();
  });
  return {
    type: request.getType(),
    name: request.getName(),
    parent: request.getParent(),
    custom: request.getCustom(),
    inputs: structToObject(request.getObject()),
    dependencies: request.getDependenciesList(),
    propertyDependencies,
    provider: request.getProvider(),
    deleteBeforeReplace: request.getDeletebeforereplacedefined()
      ? request.getDeletebeforereplace()
      : undefined,
    ignoreChanges: request.getIgnorechangesList(),
    replaceOnChanges: request.getReplaceonchangesList(),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    acceptSecrets: request.getAcceptsecrets(),
  };
}

function toReadRequest(request: resproto.ReadResourceRequest): ReadRequest {
  return {
    id: request.getId(),
    type: request.getType(),
    name: request.getName(),
    parent: request.getParent(),
    properties: structToObject(request.getProperties()),
    dependencies: request.getDependenciesList(),
    provider: request.getProvider(),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    acceptSecrets: request.getAcceptsecrets(),
  };
}

function toRegisterResponse(result: RegistrationResult): resproto.RegisterResourceResponse {
  const response = new resproto.RegisterResourceResponse();
  response.setUrn(result.urn);
  if (result.id !== undefined) {
    response.setId(result.id);
  }
  response.setObject(objectToStruct(result.outputs));
  response.setResult(resproto.Result.SUCCESS);
  return response;
}
