import type { EmulatorCore } from "../core";
import type { WorkspaceRecord } from "../model";
import type { RequestParams } from "../params";

/** Input of an operation handler for one authenticated, routed request. */
export interface OperationContext {
  core: EmulatorCore;
  workspace: WorkspaceRecord;
  params: RequestParams;
  /** Decoded path parameters other than the workspace, such as `CategoryId` or `FileId`. */
  pathParams: Record<string, string>;
  now: number;
}

/** Returns the response `Data`, or undefined for operations whose response has none. */
export type OperationHandler = (context: OperationContext) => unknown | Promise<unknown>;

/** Token paging shared by ListFile and ListCategory: the token is the offset of the next item. */
export function paginateByToken<T>(
  items: T[],
  context: OperationContext,
  defaultMaxResults = 20,
): { page: T[]; nextToken: string; hasNext: boolean; maxResults: number } {
  // NOTE: the API reference gives no maximum for MaxResults; 200 is the emulator's guess.
  const maxResults =
    context.params.integer("MaxResults", { min: 1, max: 200 }) ?? defaultMaxResults;
  const token = context.params.string("NextToken");
  let offset = 0;
  if (token !== undefined) {
    offset = Number(
      Buffer.from(token, "base64url")
        .toString("utf8")
        .replace(/^offset:/, ""),
    );
    if (!Number.isInteger(offset) || offset < 0) {
      throw context.params.invalid(
        `Parameter NextToken is invalid: ${JSON.stringify(token)} was not returned by a previous page.`,
      );
    }
  }
  const page = items.slice(offset, offset + maxResults);
  const hasNext = offset + maxResults < items.length;
  const nextToken = hasNext
    ? Buffer.from(`offset:${offset + maxResults}`).toString("base64url")
    : "";
  return { page, nextToken, hasNext, maxResults };
}
