import type { Emulator } from "../emulator";
import { BailianClient } from "../provider/client";

/** Counts the knowledge bases and data-center files left in the emulator's workspace. */
export async function countEmulatorObjects(
  emulator: Emulator,
): Promise<{ indices: number; files: number }> {
  const client = new BailianClient({
    endpoint: emulator.endpoint,
    credentials: {
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
    },
  });
  const workspaceId = emulator.workspaceId;

  const indices = await client.listIndices(workspaceId, { PageNumber: 1, PageSize: 100 });
  const categories = await client.listCategory(workspaceId, {
    CategoryType: "UNSTRUCTURED",
    MaxResults: 100,
  });
  let files = 0;
  for (const category of categories.CategoryList) {
    const listing = await client.listFile(workspaceId, {
      CategoryId: category.CategoryId,
      MaxResults: 100,
    });
    files += listing.TotalCount;
  }
  return { indices: indices.TotalCount, files };
}
