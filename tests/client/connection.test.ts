import {
  BailianClient,
  BailianInputError,
  DEFAULT_READ_TIMEOUT_SECONDS,
  isLoopbackEndpoint,
  resolveConnectionSettings,
} from "../../provider/client";

function inputErrorOf(run: () => unknown): BailianInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BailianInputError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected a BailianInputError, but nothing was thrown");
}

describe("resolveConnectionSettings", () => {
  it("maps a region to its public endpoint over https", () => {
    const connection = resolveConnectionSettings({ region: "cn-beijing" });
    expect(connection.host).toBe("bailian.cn-beijing.aliyuncs.com");
    expect(connection.protocol).toBe("https");
  });

  it("rejects a region without a documented endpoint", () => {
    const error = inputErrorOf(() => resolveConnectionSettings({ region: "cn-hangzhou" }));
    expect(error.property).toBe("region");
    expect(error.message).toContain('"cn-hangzhou"');
    expect(error.message).toContain("set endpoint");
  });

  it("rejects a malformed region", () => {
    const error = inputErrorOf(() => resolveConnectionSettings({ region: "Beijing!" }));
    expect(error.property).toBe("region");
    expect(error.message).toContain('"Beijing!"');
  });

  it("takes a host and port endpoint verbatim", () => {
    const connection = resolveConnectionSettings({ endpoint: "127.0.0.1:8089", protocol: "http" });
    expect(connection.host).toBe("127.0.0.1:8089");
    expect(connection.protocol).toBe("http");
  });

  it("defaults a bare loopback endpoint to http", () => {
    expect(resolveConnectionSettings({ endpoint: "127.0.0.1:8089" }).protocol).toBe("http");
    expect(resolveConnectionSettings({ endpoint: "localhost:8089" }).protocol).toBe("http");
  });

  it("defaults a bare host endpoint to https", () => {
    const connection = resolveConnectionSettings({ endpoint: "bailian.example.internal" });
    expect(connection.protocol).toBe("https");
  });

  it("takes protocol and host from a URL endpoint", () => {
    const connection = resolveConnectionSettings({ endpoint: "http://127.0.0.1:8089/" });
    expect(connection.host).toBe("127.0.0.1:8089");
    expect(connection.protocol).toBe("http");
  });

  it("prefers the endpoint over the region", () => {
    const connection = resolveConnectionSettings({
      region: "cn-beijing",
      endpoint: "http://127.0.0.1:9000",
    });
    expect(connection.host).toBe("127.0.0.1:9000");
  });

  it("rejects a protocol contradicting the URL", () => {
    const error = inputErrorOf(() =>
      resolveConnectionSettings({ endpoint: "http://127.0.0.1:8089", protocol: "https" }),
    );
    expect(error.property).toBe("protocol");
  });

  it.each([
    ["ftp://127.0.0.1:21", "is not http or https"],
    ["http://127.0.0.1:8089/api", "may not have a path"],
    ["http://user:pw@127.0.0.1:8089", "user name or password"],
    ["127.0.0.1:99999", "expected a host with an optional port"],
    ["host name with spaces", "expected a host with an optional port"],
  ])("rejects endpoint %s", (endpoint, reason) => {
    const error = inputErrorOf(() => resolveConnectionSettings({ endpoint }));
    expect(error.property).toBe("endpoint");
    expect(error.message).toContain(reason);
  });

  it("requires a region or an endpoint", () => {
    const error = inputErrorOf(() => resolveConnectionSettings({}));
    expect(error.property).toBe("endpoint");
    expect(error.message).toContain("set region");
  });

  it("defaults the read timeout to 60 s", () => {
    const connection = resolveConnectionSettings({ endpoint: "127.0.0.1:1" });
    expect(DEFAULT_READ_TIMEOUT_SECONDS).toBe(60);
    expect(connection.readTimeoutMs).toBe(60_000);
  });

  it("converts timeouts from seconds", () => {
    const connection = resolveConnectionSettings({
      endpoint: "127.0.0.1:1",
      readTimeoutSeconds: 2.5,
      connectTimeoutSeconds: 1,
    });
    expect(connection.readTimeoutMs).toBe(2500);
    expect(connection.connectTimeoutMs).toBe(1000);
  });

  it.each([0, -1, Number.NaN, 4000])("rejects read timeout %p", (seconds) => {
    const error = inputErrorOf(() =>
      resolveConnectionSettings({ endpoint: "127.0.0.1:1", readTimeoutSeconds: seconds }),
    );
    expect(error.property).toBe("readTimeoutSeconds");
  });

  it("is checked when a client is constructed", () => {
    const error = inputErrorOf(() => new BailianClient({ endpoint: "ftp://127.0.0.1" }));
    expect(error.property).toBe("endpoint");
  });
});

describe("isLoopbackEndpoint", () => {
  it.each([
    "127.0.0.1:8089",
    "127.1.2.3",
    "http://127.0.0.1:8089",
    "localhost:80",
    "https://localhost",
    "[::1]:8080",
    "http://[::1]:8080",
  ])("accepts %s", (endpoint) => {
    expect(isLoopbackEndpoint(endpoint)).toBe(true);
  });

  it.each([
    "bailian.cn-beijing.aliyuncs.com",
    "10.0.0.1:8089",
    "http://128.0.0.1",
    "127.0.0.1.example.com",
    "",
    undefined,
  ])("rejects %p", (endpoint) => {
    expect(isLoopbackEndpoint(endpoint)).toBe(false);
  });
});
