import { ApiError } from "../errors";
import { paginateByToken, type OperationContext } from "./context";

/** Maximum categories per workspace, the default category included. */
export const MAX_CATEGORIES = 1000;
const CATEGORY_TYPES = ["UNSTRUCTURED", "SESSION_FILE"] as const;

/** AddCategory: POST /{WorkspaceId}/datacenter/category/ with a form body. */
export function addCategory({ core, workspace, params, now }: OperationContext) {
  // NOTE: the API reference gives no length limit for CategoryName; 128 is the emulator's guess.
  const name = params.requiredString("CategoryName", { maxLength: 128 });
  const type = params.requiredString("CategoryType", { oneOf: CATEGORY_TYPES });
  const parentId = params.string("ParentCategoryId");
  if (parentId !== undefined) {
    core.store.category(workspace.id, parentId);
  }
  if (core.store.workspaceCategories(workspace.id).length >= MAX_CATEGORIES) {
    throw new ApiError(
      "Category.LimitExceeded",
      `Workspace ${workspace.id} already has ${MAX_CATEGORIES} categories, the maximum; delete one first.`,
    );
  }
  const id = core.store.newId("cate");
  core.store.addCategory({
    id,
    workspaceId: workspace.id,
    name,
    type,
    parentId: parentId ?? "",
    isDefault: false,
    createdAt: now,
  });
  core.save();
  return { CategoryId: id, CategoryName: name };
}

/** ListCategory: POST /{WorkspaceId}/datacenter/categories with a form body. */
export function listCategory(context: OperationContext) {
  const { core, workspace, params } = context;
  const type = params.requiredString("CategoryType", { oneOf: CATEGORY_TYPES });
  const name = params.string("CategoryName");
  const parentId = params.string("ParentCategoryId");
  const matching = core.store
    .workspaceCategories(workspace.id)
    .filter((category) => category.type === type)
    .filter((category) => name === undefined || category.name.includes(name))
    .filter((category) => parentId === undefined || category.parentId === parentId);
  const { page, nextToken, hasNext, maxResults } = paginateByToken(matching, context);
  return {
    CategoryList: page.map((category) => ({
      CategoryId: category.id,
      CategoryName: category.name,
      CategoryType: category.type,
      IsDefault: category.isDefault,
      ParentCategoryId: category.parentId,
    })),
    HasNext: hasNext,
    MaxResults: maxResults,
    NextToken: nextToken,
    TotalCount: matching.length,
  };
}
