import { BailianClient } from "../../provider/client";
import { AdoptMismatchError, AdoptTargetNotFoundError } from "../../provider/resources/errors";
import {
  checked,
  provider,
  rejection,
  requestCount,
  startFixture,
  type ResourceFixture,
} from "./fixture";

const categories = provider("Category");

describe("Category provider", () => {
  let fixture: ResourceFixture;
  let client: BailianClient;
  let workspaceId: string;

  beforeEach(async () => {
    fixture = await startFixture();
    workspaceId = fixture.emulator.workspaceId;
    client = new BailianClient({ endpoint: fixture.emulator.endpoint });
  });

  afterEach(async () => {
    await fixture.close();
  });

  function inputs(extra: Record<string, unknown> = {}) {
    return checked("Category", {
      workspaceId,
      name: "manuals",
      connection: fixture.connection,
      ...extra,
    });
  }

  async function categoryNames(): Promise<string[]> {
    const data = await client.listCategory(workspaceId, { CategoryType: "UNSTRUCTURED" });
    return data.CategoryList.filter((category) => !category.IsDefault).map((c) => c.CategoryName);
  }

  it("creates a category", async () => {
    const result = await categories.create(await inputs());

    expect(result.outs.categoryId).toBe(result.id);
    expect(result.outs.adopted).toBe(false);
    expect(await categoryNames()).toEqual(["manuals"]);
  });

  it("reuses a category of the same name", async () => {
    const first = await categories.create(await inputs());
    const second = await categories.create(await inputs());

    expect(second.id).toBe(first.id);
    expect(second.outs.adopted).toBe(true);
    expect(fixture.emulator.control.stats().requests.AddCategory).toBe(1);
  });

  it("creates a child next to a top-level namesake", async () => {
    const parent = await categories.create(await inputs());
    const child = await categories.create(await inputs({ parentCategoryId: parent.id }));

    expect(child.id).not.toBe(parent.id);
    expect(await categoryNames()).toEqual(["manuals", "manuals"]);
  });

  it("adopts a category by id", async () => {
    const { CategoryId } = await client.addCategory(workspaceId, {
      CategoryName: "legacy",
      CategoryType: "UNSTRUCTURED",
    });
    const result = await categories.create(
      await inputs({ name: "legacy", existingCategoryId: CategoryId }),
    );

    expect(result.id).toBe(CategoryId);
    expect(result.outs.adopted).toBe(true);
  });

  it("rejects adopting a category with another name", async () => {
    const { CategoryId } = await client.addCategory(workspaceId, {
      CategoryName: "legacy",
      CategoryType: "UNSTRUCTURED",
    });
    const error = await rejection(
      categories.create(await inputs({ existingCategoryId: CategoryId })),
    );

    expect(error).toBeInstanceOf(AdoptMismatchError);
    expect(error.message).toContain('name is "legacy" there, "manuals" requested');
  });

  it("rejects adopting a category that does not exist", async () => {
    const error = await rejection(
      categories.create(await inputs({ existingCategoryId: "cate-missing" })),
    );
    expect(error).toBeInstanceOf(AdoptTargetNotFoundError);
  });

  it("keeps the category on delete and sends no request", async () => {
    const created = await categories.create(await inputs());
    fixture.emulator.control.resetStats();

    await categories.delete(created.id, created.outs);

    expect(requestCount(fixture.emulator)).toBe(0);
    expect(await categoryNames()).toEqual(["manuals"]);
  });

  it("reads the category, and nothing for an unknown id", async () => {
    const created = await categories.create(await inputs());

    const read = await categories.read(created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props.name).toBe("manuals");

    const missing = await categories.read("cate-missing", created.outs);
    expect(missing.id).toBeUndefined();
  });

  it("replaces on a new name and ignores a new provider text", async () => {
    const olds = { workspaceId, name: "manuals", categoryId: "cate-1", __provider: "old" };

    const renamed = await categories.diff("cate-1", olds, { ...olds, name: "guides" });
    expect(renamed.replaces).toEqual(["name"]);

    const same = await categories.diff("cate-1", olds, { ...olds, __provider: "new" });
    expect(same.changes).toBe(false);
  });
});
