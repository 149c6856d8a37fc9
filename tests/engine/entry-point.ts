// Finds what cmd/run should load from a program folder, the way the Pulumi CLI would.
import * as fs from "node:fs";
import * as path from "node:path";

export interface EntryPoint {
  /** Program argument for cmd/run: "." (use the folder's package.json), a folder or a file. */
  program: string;
  typeScript: boolean;
  /** `name` from the folder's Pulumi.yaml, if there is one. */
  projectName?: string;
}

/**
 * Resolves the entry point of `programDir`, in this order: `main` of a Pulumi.yaml in the folder,
 * the folder's own package.json (`main`/`exports`, read by cmd/run itself), then the folder's
 * index.js or index.ts.
 *
 * The folder is passed explicitly when it has no package.json, because cmd/run would otherwise
 * take the entry point from the nearest package.json above it, such as this repository's.
 */
export function resolveEntryPoint(programDir: string): EntryPoint {
  const project = readProjectFile(programDir);
  if (project.main) {
    const program = path.resolve(programDir, project.main);
    return { program, typeScript: isTypeScriptPath(program), projectName: project.name };
  }
  const packageFile = path.join(programDir, "package.json");
  if (fs.existsSync(packageFile)) {
    const main = (JSON.parse(fs.readFileSync(packageFile, "utf8")) as { main?: unknown }).main;
    const typeScript =
      typeof main === "string" ? main.endsWith(".ts") : isTypeScriptPath(programDir);
    return { program: ".", typeScript, projectName: project.name };
  }
  return {
    program: programDir,
    typeScript: isTypeScriptPath(programDir),
    projectName: project.name,
  };
}

/** True for a .ts file, or a folder with index.ts and no index.js (cmd/run prefers index.js). */
function isTypeScriptPath(program: string): boolean {
  if (fs.existsSync(program) && fs.statSync(program).isDirectory()) {
    const has = (file: string) => fs.existsSync(path.join(program, file));
    return has("index.ts") && !has("index.js");
  }
  return program.endsWith(".ts");
}

/**
 * Reads the top-level `name` and `main` of the folder's Pulumi.yaml.
 *
 * NOTE: this is a line match, not a YAML parser. It handles plain `key: value` lines only.
 */
function readProjectFile(programDir: string): { name?: string; main?: string } {
  const file = ["Pulumi.yaml", "Pulumi.yml"]
    .map((name) => path.join(programDir, name))
    .find(fs.existsSync);
  if (!file) {
    return {};
  }
  const text = fs.readFileSync(file, "utf8");
  const value = (key: string): string | undefined => {
    const match = new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, "m").exec(text);
    return match ? match[1].replace(/^(["'])(.*)\1$/, "$2") : undefined;
  };
  return { name: value("name"), main: value("main") };
}
