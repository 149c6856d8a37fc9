// A throwaway Pulumi program folder for the engine self-tests. Its dynamic provider appends one
// line per call to an operations file, so tests can see which provider methods ran.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestEngine, type StackOptions } from "../engine";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const PROJECT = "selftest";

/** One dynamic resource the program declares. */
export interface ResourceSpec {
  name: string;
  value: string;
  /** Changing it makes the provider's diff ask for a replacement. */
  replaceKey?: string;
  /** Name of an earlier resource whose id becomes this resource's `ref` input. */
  refersTo?: string;
  /** Passes the secret config `selftest:token` as the `token` input. */
  withToken?: boolean;
  /** Reads an existing resource with this id (`Resource.get`) instead of managing one. */
  existingId?: string;
}

const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const config = new pulumi.Config();
const opsFile = config.require("opsFile");
const specs = JSON.parse(config.require("resources"));
const append = (file, line) => require("fs").appendFileSync(file, line + "\\n");
const provider = {
  async configure(req) {
    const token = req.config.get("selftest:token");
    append(opsFile, "configure token-length=" + (token ? token.length : 0));
  },
  async check(olds, news) {
    append(news.opsFile, "check " + news.name + " " + news.value + " ref=" + news.ref);
    return { inputs: news };
  },
  async diff(id, olds, news) {
    return olds.replaceKey !== news.replaceKey ? { replaces: ["replaceKey"] } : {};
  },
  async create(inputs) {
    append(inputs.opsFile, "create " + inputs.name + " " + inputs.value);
    if (inputs.token) {
      console.log("create received token " + inputs.token);
    }
    if (inputs.value === "hang") {
      require("fs").writeFileSync(inputs.opsFile + ".hang", String(process.pid));
      await new Promise(() => undefined);
    }
    if (inputs.value === "init-fail") {
      const error = new Error("resource " + inputs.name + " did not become ready");
      error.id = "id-" + inputs.name;
      error.properties = Object.assign({}, inputs, { ready: false });
      error.reasons = ["still starting"];
      throw error;
    }
    return { id: "id-" + inputs.name, outs: Object.assign({}, inputs, { ready: true }) };
  },
  async update(id, olds, news) {
    append(news.opsFile, "update " + news.name + " " + news.value);
    return { outs: Object.assign({}, news, { ready: true }) };
  },
  async read(id, props) {
    append(props.opsFile, "read " + props.name);
    if (require("fs").existsSync(props.opsFile + ".gone-" + props.name)) {
      return {};
    }
    return { id, props: Object.assign({}, props, { refreshed: true }) };
  },
  async delete(id, props) {
    append(props.opsFile, "delete " + props.name);
  },
};
const created = {};
for (const spec of specs) {
  const inputs = { name: spec.name, value: spec.value, opsFile, replaceKey: spec.replaceKey || "" };
  if (spec.refersTo) {
    inputs.ref = created[spec.refersTo].id;
  }
  if (spec.withToken) {
    inputs.token = config.requireSecret("token");
  }
  const options = spec.existingId ? { id: spec.existingId } : undefined;
  created[spec.name] = new pulumi.dynamic.Resource(provider, spec.name, inputs, options);
  exports[spec.name + "Id"] = created[spec.name].id;
}
if (config.get("fail") === "true") {
  throw new Error("program failed on purpose");
}
`;

export class Fixture {
  readonly root: string;
  readonly programDir: string;
  readonly opsFile: string;
  readonly stateFile: string;

  constructor() {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), "engine-selftest-"));
    this.programDir = path.join(this.root, "program");
    this.opsFile = path.join(this.root, "ops.log");
    this.stateFile = path.join(this.root, "state", "stack.json");
    fs.mkdirSync(this.programDir);
    // The program and the plugin resolve @pulumi/pulumi from the program folder.
    fs.symlinkSync(
      path.join(REPO_ROOT, "node_modules"),
      path.join(this.programDir, "node_modules"),
    );
    fs.writeFileSync(
      path.join(this.programDir, "package.json"),
      JSON.stringify({ name: PROJECT, main: "index.js" }),
    );
    fs.writeFileSync(path.join(this.programDir, "index.js"), PROGRAM);
  }

  engine(resources: ResourceSpec[], extra: Partial<StackOptions> = {}): TestEngine {
    return new TestEngine({
      programDir: this.programDir,
      project: PROJECT,
      stack: "dev",
      stateFile: this.stateFile,
      ...extra,
      config: {
        "selftest:opsFile": this.opsFile,
        "selftest:resources": JSON.stringify(resources),
        ...extra.config,
      },
    });
  }

  /** Returns the provider calls recorded so far, leaving out `check` and `configure`. */
  operations(): string[] {
    return this.allOperations().filter((line) => !/^(check|configure) /.test(line));
  }

  allOperations(): string[] {
    if (!fs.existsSync(this.opsFile)) {
      return [];
    }
    return fs.readFileSync(this.opsFile, "utf8").split("\n").filter(Boolean);
  }

  clearOperations(): void {
    fs.rmSync(this.opsFile, { force: true });
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export function urnOf(name: string): string {
  return `urn:pulumi:dev::${PROJECT}::pulumi-nodejs:dynamic:Resource::${name}`;
}
