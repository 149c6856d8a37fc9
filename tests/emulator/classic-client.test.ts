import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import * as $Util from "@alicloud/tea-util";
import { startEmulator, type Emulator } from "pulumi-bailian/emulator";

// The classic generic client (@alicloud/openapi-client callApi), which this project's provider
// uses, signs query-only, form-body and trailing-slash requests the emulator accepts.

describe("classic openapi-client against the emulator", () => {
  let emulator: Emulator;
  let sdk: OpenApi;

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false });
    sdk = new OpenApi(
      new $OpenApi.Config({
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
        endpoint: emulator.host,
        protocol: "http",
        readTimeout: 60000,
      }),
    );
  });

  afterAll(async () => {
    await emulator.close();
  });

  async function call(
    action: string,
    method: string,
    pathname: string,
    query: Record<string, string> = {},
    form?: Record<string, string>,
  ) {
    const params = new $OpenApi.Params({
      action,
      version: "2023-12-29",
      protocol: "HTTPS",
      pathname,
      method,
      authType: "AK",
      style: "ROA",
      reqBodyType: form ? "formData" : "json",
      bodyType: "json",
    });
    const request = new $OpenApi.OpenApiRequest({ query, body: form });
    const response = await sdk.callApi(params, request, new $Util.RuntimeOptions({}));
    return response.body as { Success: boolean; Data: Record<string, unknown> };
  }

  test("sends a form body", async () => {
    const body = await call(
      "AddCategory",
      "POST",
      `/${emulator.workspaceId}/datacenter/category/`,
      {},
      {
        CategoryName: "form test 中文",
        CategoryType: "UNSTRUCTURED",
      },
    );
    expect(body.Success).toBe(true);
    expect(body.Data.CategoryName).toBe("form test 中文");
  });

  test("sends JSON list parameters in the query", async () => {
    const [fileId] = emulator.control.seedFiles([{ name: "classic.txt", content: "classic text" }]);
    const created = await call("CreateIndex", "POST", `/${emulator.workspaceId}/index/create`, {
      Name: "classic",
      StructureType: "unstructured",
      SinkType: "BUILT_IN",
      SourceType: "DATA_CENTER_FILE",
      DocumentIds: JSON.stringify([fileId]),
    });
    const indexId = String(created.Data.Id);
    const job = await call(
      "SubmitIndexJob",
      "POST",
      `/${emulator.workspaceId}/index/submit_index_job`,
      {
        IndexId: indexId,
      },
    );
    const status = await call(
      "GetIndexJobStatus",
      "GET",
      `/${emulator.workspaceId}/index/job/status`,
      {
        IndexId: indexId,
        JobId: String(job.Data.Id),
        PageNumber: "1",
        pageSize: "10",
      },
    );
    expect(status.Data.JobId).toBe(job.Data.Id);
    expect(status.Data.Documents).toHaveLength(1);
  });

  test("reaches a path with a trailing slash", async () => {
    const [fileId] = emulator.control.seedFiles([{ name: "slash.txt", content: "slash" }]);
    const body = await call(
      "DescribeFile",
      "GET",
      `/${emulator.workspaceId}/datacenter/file/${fileId}/`,
    );
    expect(body.Data.FileId).toBe(fileId);
    expect(body.Data.Status).toBe("PARSE_SUCCESS");
  });

  test("surfaces a 404 with code and status", async () => {
    const error = await call(
      "DescribeFile",
      "GET",
      `/${emulator.workspaceId}/datacenter/file/file_none/`,
    ).then(
      () => undefined,
      (caught: { code: string; statusCode: number }) => caught,
    );
    expect(error?.code).toBe("File.NotFound");
    expect(error?.statusCode).toBe(404);
  });
});
