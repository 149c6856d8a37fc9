// `up` and `preview`: turns each RegisterResource call of the program into a step (create,
// update, replace or same), carries it out through the plugin unless this is a preview, and
// keeps the state file current after every step.
import type { OperationContext } from "./context";
import type { MonitorHandler, ReadRequest, Registration, RegistrationResult } from "./monitor";
import { executeStep } from "./executor";
import { deleteResource, deletionOrder } from "./lifecycle";
import type { StoredResource } from "./types";
import { planCustomStep } from "./planner";
import { type PropertyMap, markSecretKeys, secretKeysOf, unwrapSecrets } from "./values";

const STACK_TYPE = "pulumi:pulumi:Stack";
const DYNAMIC_PACKAGE = "pulumi-nodejs";

export class Deployment implements MonitorHandler {
  /** URNs the program registered during this run. */
  readonly registered = new Set<string>();
  readonly errors: string[] = [];
  stackUrn = "";
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly context: OperationContext,
    private readonly dryRun: boolean,
  ) {}

  registerResource(registration: Registration): Promise<RegistrationResult> {
    return this.track(this.register(registration));
  }

  readResource(request: ReadRequest): Promise<RegistrationResult> {
    return this.track(this.read(request));
  }

  /** Records a failure of `work` and keeps it in `inFlight` until it settles. */
  private track<T>(promise: Promise<T>): Promise<T> {
    const work = promise.catch((error: Error) => {
      this.errors.push(error.message);
      this.context.log.write(`[engine] error: ${error.message}`);
      throw error;
    });
    this.inFlight.add(work);
    work.then(
      () => this.inFlight.delete(work),
      () => this.inFlight.delete(work),
    );
    return work;
  }

  async registerResourceOutputs(urn: string, outputs: PropertyMap): Promise<void> {
    const resource = this.context.find(urn);
    if (!resource) {
      throw new Error(`RegisterResourceOutputs for unknown resource ${urn}`);
    }
    this.context.put({ ...resource, outputs, secretOutputKeys: secretKeysOf(outputs) });
    if (!this.dryRun) {
      this.context.save();
    }
  }

  log(severity: string, message: string, urn: string): void {
    // The SDK's debug messages repeat whole property maps; the Pulumi CLI hides them by default too.
    if (severity === "debug") {
      return;
    }
    this.context.log.write(`[${severity}]${urn ? ` ${urn}:` : ""} ${message}`);
  }

  /** Waits until every RegisterResource call still being handled has finished. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Deletes (or, in a preview, plans deleting) every resource the program no longer declares. */
  async deleteUnregistered(): Promise<void> {
    const leftovers = this.context.state.resources.filter(
      (resource) => resource.pendingDelete || !this.registered.has(resource.urn),
    );
    for (const resource of deletionOrder(leftovers)) {
      if (this.dryRun) {
        this.context.steps.push({ urn: resource.urn, op: "delete" });
      } else {
        await deleteResource(this.context, resource);
      }
    }
  }

  private async register(registration: Registration): Promise<RegistrationResult> {
    const urn = this.claimUrn(registration);
    if (registration.type === STACK_TYPE) {
      this.stackUrn = urn;
    }
    this.context.log.addSecrets(registration.inputs);

    const result = registration.custom
      ? await this.registerCustom(urn, registration)
      : this.registerComponent(urn, registration);
    const outputs = registration.acceptSecrets
      ? result.outputs
      : (unwrapSecrets(result.outputs) as PropertyMap);
    return { ...result, outputs };
  }

  private claimUrn(resource: { type: string; name: string; parent: string }): string {
    const urn = makeUrn(this.context, resource);
    if (this.registered.has(urn)) {
      throw new Error(`duplicate resource URN ${urn}: give each resource a unique name`);
    }
    this.registered.add(urn);
    return urn;
  }

  /** Reads an existing resource by id for `Resource.get`. It is stored as external and never deleted. */
  private async read(request: ReadRequest): Promise<RegistrationResult> {
    const urn = this.claimUrn(request);
    this.context.log.addSecrets(request.properties);
    const plugin = await this.context.provider();
    const properties = unwrapSecrets(request.properties) as PropertyMap;
    const read = await plugin.read(urn, request.id, properties, properties);

    if (!read.id) {
      throw new Error(
        `read of ${urn} failed: the provider found no resource with id ${request.id}`,
      );
    }
    this.context.recordStep(urn, "read");

    const secretKeys = [...secretKeysOf(request.properties), ...request.additionalSecretOutputs];
    const resource: StoredResource = {
      urn,
      type: request.type,
      name: request.name,
      custom: true,
      external: true,
      id: read.id,
      inputs: read.inputs ?? {},
      outputs: markSecretKeys(read.outputs, secretKeys),
      dependencies: request.dependencies,
      secretOutputKeys: secretKeys.filter((key) => key in read.outputs),
      provider: request.provider || defaultProviderReference(this.context),
    };
    if (request.parent) {
      resource.parent = request.parent;
    }
    this.context.put(resource);
    if (!this.dryRun) {
      this.context.save();
    }

    const outputs = request.acceptSecrets
      ? resource.outputs
      : (unwrapSecrets(resource.outputs) as PropertyMap);
    return { urn, id: read.id, outputs };
  }

  private registerComponent(urn: string, registration: Registration): RegistrationResult {
    const old = this.context.find(urn);
    this.context.recordStep(urn, old ? "same" : "create");
    // A preview also keeps components in memory, so that RegisterResourceOutputs finds them.
    this.context.put({
      ...this.baseRecord(urn, registration),
      outputs: old?.outputs ?? {},
      secretOutputKeys: old?.secretOutputKeys ?? [],
    });
    if (!this.dryRun) {
      this.context.save();
    }
    return { urn, outputs: {} };
  }

  private async registerCustom(
    urn: string,
    registration: Registration,
  ): Promise<RegistrationResult> {
    const packageName = registration.type.split(":")[0];
    if (packageName !== DYNAMIC_PACKAGE) {
      throw new Error(
        `resource ${urn} has type ${registration.type}, but the test engine only runs dynamic resources (package ${DYNAMIC_PACKAGE})`,
      );
    }
    const old = this.context.find(urn);
    const plugin = await this.context.provider();
    const plan = await planCustomStep(plugin, urn, registration, old);
    this.context.recordStep(urn, plan.op);
    if (this.dryRun) {
      // Planned outputs: the stored ones for "same", the checked inputs otherwise. The SDK
      // treats every output missing from them as unknown during a preview.
      const outputs =
        plan.op === "same" && old ? old.outputs : markSecretKeys(plan.inputs, plan.secretInputKeys);
      const keepsId = plan.op === "same" || plan.op === "update";
      return { urn, id: keepsId ? old?.id : undefined, outputs };
    }

    const record = this.baseRecord(urn, registration);
    const stored = await executeStep(this.context, plan, record, old);
    const secretOutputKeys = new Set([
      ...plan.secretInputKeys.filter((key) => key in stored.outputs),
      ...registration.additionalSecretOutputs,
      ...(plan.op === "same" ? (old?.secretOutputKeys ?? []) : []),
    ]);
    const resource: StoredResource = {
      ...record,
      id: stored.id,
      inputs: markSecretKeys(plan.inputs, plan.secretInputKeys),
      outputs: markSecretKeys(stored.outputs, secretOutputKeys),
      secretOutputKeys: [...secretOutputKeys].filter((key) => key in stored.outputs),
    };
    this.context.put(resource);
    this.context.save();
    return { urn, id: resource.id, outputs: resource.outputs };
  }

  private baseRecord(urn: string, registration: Registration): StoredResource {
    const record: StoredResource = {
      urn,
      type: registration.type,
      name: registration.name,
      custom: registration.custom,
      inputs: registration.inputs,
      outputs: {},
      dependencies: registration.dependencies,
      propertyDependencies: registration.propertyDependencies,
      secretOutputKeys: [],
    };
    if (registration.parent) {
      record.parent = registration.parent;
    }
    if (registration.custom) {
      record.provider = registration.provider || defaultProviderReference(this.context);
    }
    return record;
  }
}

function makeUrn(
  context: OperationContext,
  registration: { type: string; name: string; parent: string },
): string {
  const { project, stack } = context.options;
  let type = registration.type;
  if (registration.parent) {
    const parentType = registration.parent.split("::")[2];
    if (parentType && parentType !== STACK_TYPE) {
      type = `${parentType}$${type}`;
    }
  }
  return `urn:pulumi:${stack}::${project}::${type}::${registration.name}`;
}

function defaultProviderReference(context: OperationContext): string {
  const { project, stack } = context.options;
  return `urn:pulumi:${stack}::${project}::pulumi:providers:${DYNAMIC_PACKAGE}::default::default`;
}
