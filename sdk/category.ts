import * as pulumi from "@pulumi/pulumi";
import type { ConnectionInputs } from "../provider/config";
import { thinProvider } from "./internal/thin-provider";

/** Arguments of a {@link Category}. */
export interface CategoryArgs {
  /** Workspace that contains the category, such as `llm-abc123`. */
  workspaceId: pulumi.Input<string>;
  /** Category name; the name also identifies the category when a create is retried. */
  name: pulumi.Input<string>;
  /** Parent category; absent makes a top-level category. */
  parentCategoryId?: pulumi.Input<string>;
  /** Id of an existing category to adopt instead of creating one. */
  existingCategoryId?: pulumi.Input<string>;
  /**
   * Connection settings: region or endpoint, protocol and profile. Unset fields come from the
   * stack configuration (`bailian:*`) and then the environment.
   */
  connection?: pulumi.Input<ConnectionInputs>;
}

/**
 * A data-center category (a folder for files) in a Bailian workspace, made with AddCategory.
 *
 * A category of the same name (and parent, when given) that already exists is used instead of
 * creating a second one.
 *
 * Destroy does not delete the category, because the Bailian API has no DeleteCategory operation.
 * It removes the category from the stack and logs a warning. The category stays in the workspace
 * until someone deletes it in the Model Studio console. A refresh removes the resource from the
 * stack when the category no longer exists.
 */
export class Category extends pulumi.dynamic.Resource {
  declare public readonly categoryId: pulumi.Output<string>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly workspaceId: pulumi.Output<string>;
  declare public readonly parentCategoryId: pulumi.Output<string | undefined>;
  /** True when the category existed before: adopted by id or found by name. */
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: CategoryArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      thinProvider("Category"),
      name,
      { categoryId: undefined, adopted: undefined, parentCategoryId: undefined, ...args },
      opts,
      "bailian",
      "Category",
    );
  }
}
