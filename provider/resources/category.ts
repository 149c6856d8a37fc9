// Provider of the Category resource: a data-center category (a folder of files) in a workspace.
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../config";
import { CheckFailures, checkConnection, checkId, checkString } from "../validation";
import { WorkspaceApi, type CategorySummary } from "./api";
import { diffInputs, pickDefined } from "./diff";
import { AdoptMismatchError, AdoptTargetNotFoundError } from "./errors";
import { checkKnownInputs } from "../known-inputs";

/** Inputs of a Category after `check`. */
export interface CategoryInputs {
  workspaceId: string;
  name: string;
  parentCategoryId?: string;
  /** Id of an existing category to adopt instead of creating one. */
  existingCategoryId?: string;
  connection?: ConnectionInputs;
}

/** State recorded for a Category. */
export interface CategoryOutputs extends CategoryInputs {
  categoryId: string;
  /** True when the category existed before this resource: adopted by id or found by name. */
  adopted: boolean;
}

// NOTE: the API reference gives no length limit for CategoryName; 1-100 is a guess kept loose.
const NAME_MAX_LENGTH = 100;

function checkCategory(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const failures = new CheckFailures();
  checkKnownInputs(failures, news, {
    kind: "Category",
    inputs: ["workspaceId", "name", "parentCategoryId", "existingCategoryId", "connection"],
    outputs: ["categoryId", "adopted"],
  });
  checkId(failures, "workspaceId", news.workspaceId);
  checkString(failures, "name", news.name, { required: true, maxLength: NAME_MAX_LENGTH });
  checkId(failures, "parentCategoryId", news.parentCategoryId, false);
  checkId(failures, "existingCategoryId", news.existingCategoryId, false);
  checkConnection(failures, news.connection);
  return { inputs: news, failures: failures.failures };
}

/** Tells whether a category has the requested name and parent (none for a top-level one). */
function isMatch(category: CategorySummary, inputs: CategoryInputs): boolean {
  const parent = category.ParentCategoryId || undefined;
  return category.CategoryName === inputs.name && parent === inputs.parentCategoryId;
}

async function createCategory(inputs: CategoryInputs): Promise<pulumi.dynamic.CreateResult> {
  const api = new WorkspaceApi(inputs.workspaceId, inputs.connection);

  if (inputs.existingCategoryId !== undefined) {
    const found = (await api.listCategories()).find(
      (category) => category.CategoryId === inputs.existingCategoryId,
    );
    if (!found) {
      throw new AdoptTargetNotFoundError(
        inputs.workspaceId,
        "existingCategoryId",
        inputs.existingCategoryId,
      );
    }
    if (found.CategoryName !== inputs.name) {
      const actual = JSON.stringify(found.CategoryName);
      const difference = `name is ${actual} there, ${JSON.stringify(inputs.name)} requested`;
      throw new AdoptMismatchError(inputs.workspaceId, "existingCategoryId", found.CategoryId, [
        difference,
      ]);
    }
    return { id: found.CategoryId, outs: outputs(inputs, found.CategoryId, true) };
  }

  // AddCategory is not idempotent: reuse a category of the same name, which also covers a
  // create that was retried after the engine stopped before recording the id.
  const sameName = (await api.listCategories(inputs.name)).find((c) => isMatch(c, inputs));
  if (sameName) {
    pulumi.log.info(
      `Category "${inputs.name}" already exists in workspace ${inputs.workspaceId} ` +
        `(${sameName.CategoryId}); using it instead of creating another.`,
    );
    return { id: sameName.CategoryId, outs: outputs(inputs, sameName.CategoryId, true) };
  }

  const categoryId = await api.addCategory(
    pickDefined({
      CategoryName: inputs.name,
      CategoryType: "UNSTRUCTURED" as const,
      ParentCategoryId: inputs.parentCategoryId,
    }),
  );
  return { id: categoryId, outs: outputs(inputs, categoryId, false) };
}

function outputs(inputs: CategoryInputs, categoryId: string, adopted: boolean): CategoryOutputs {
  return { ...inputs, categoryId, adopted };
}

async function readCategory(
  id: string,
  props: CategoryOutputs,
): Promise<pulumi.dynamic.ReadResult> {
  const api = new WorkspaceApi(props.workspaceId, props.connection);
  const found = (await api.listCategories()).find((category) => category.CategoryId === id);
  if (!found) {
    // A result without an id makes a refresh remove the category from the state.
    return {};
  }
  return { id, props: { ...props, categoryId: id, name: found.CategoryName } };
}

/**
 * The Category provider. Bailian's API has no DeleteCategory operation, so `delete` only removes
 * the category from the stack and logs a warning; the category stays in the workspace.
 */
export const categoryProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return checkCategory(news);
  },

  async diff(_id, olds, news) {
    return diffInputs(olds, news, {
      replaceKeys: ["workspaceId", "name", "parentCategoryId", "existingCategoryId"],
      updateKeys: [],
    });
  },

  async create(inputs) {
    return createCategory(inputs as CategoryInputs);
  },

  async read(id, props) {
    return readCategory(id, props as CategoryOutputs);
  },

  async update(_id, olds, news) {
    const old = olds as CategoryOutputs;
    return { outs: outputs(news as CategoryInputs, old.categoryId, old.adopted) };
  },

  async delete(id, props) {
    const category = props as CategoryOutputs;
    pulumi.log.warn(
      `Category "${category.name}" (${id}) stays in workspace ${category.workspaceId}: the ` +
        "Bailian API has no operation to delete a category, so remove it in the Model Studio " +
        "console if it is no longer needed.",
    );
  },
};
