// Sends one signed Bailian operation through @alicloud/openapi-client's generic callApi
// (ACS3-HMAC-SHA256 signing, ROA style) and turns every failure into this package's errors.
import Credential from "@alicloud/credentials";
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import * as $Util from "@alicloud/tea-util";
import { resolveConnectionSettings, type ResolvedConnection } from "./connection";
import { resolveCredentials } from "./credentials";
import { apiErrorFromBody, translateSdkError, type FailedCallContext } from "./translate-error";
import type { ConnectionSettings } from "./types";

export const API_VERSION = "2023-12-29";

/** One operation as it goes on the wire. */
export interface OperationCall {
  action: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path with its ids already checked and percent-encoded. */
  pathname: string;
  query?: Record<string, string>;
  /** Fields of an x-www-form-urlencoded body; lists must already be JSON text. */
  form?: Record<string, string | number | boolean>;
}

interface SignedClient {
  sdk: OpenApi;
  secrets: readonly string[];
}

/**
 * Owns the SDK client of one connection. Credentials are resolved on the first call and kept in
 * private fields, which neither `util.inspect` nor JSON serialization shows.
 */
export class BailianTransport {
  /** Endpoint, protocol and timeouts; checked when the transport is constructed. */
  readonly connection: ResolvedConnection;
  readonly #settings: ConnectionSettings;
  #signedClient?: Promise<SignedClient>;

  constructor(settings: ConnectionSettings) {
    this.connection = resolveConnectionSettings(settings);
    this.#settings = settings;
  }

  /** Sends the call and returns the reply's `Data`; throws on any failure reply. */
  async invoke<TData>(call: OperationCall): Promise<TData> {
    const { sdk, secrets } = await this.#client();
    const context: FailedCallContext = {
      operation: call.action,
      host: this.connection.host,
      readTimeoutMs: this.connection.readTimeoutMs,
      connectTimeoutMs: this.connection.connectTimeoutMs,
      secrets,
    };
    const params = new $OpenApi.Params({
      action: call.action,
      version: API_VERSION,
      // The SDK uses Config.protocol, set from the connection, whenever it is set.
      protocol: "HTTPS",
      pathname: call.pathname,
      method: call.method,
      authType: "AK",
      style: "ROA",
      reqBodyType: call.form === undefined ? "json" : "formData",
      bodyType: "json",
    });
    const request = new $OpenApi.OpenApiRequest({ query: call.query ?? {}, body: call.form });

    let response: { [key: string]: unknown };
    try {
      response = await sdk.callApi(params, request, new $Util.RuntimeOptions({}));
    } catch (error) {
      throw translateSdkError(error, context);
    }

    // The SDK returns a 2xx reply normally even when its body reports a failure.
    const body = response.body as Record<string, unknown>;
    if (body.Success === false || body.Success === "false") {
      const headers = (response.headers ?? {}) as Record<string, unknown>;
      const status = typeof response.statusCode === "number" ? response.statusCode : 200;
      throw apiErrorFromBody(context, status, body, headers["x-acs-retry-after"]);
    }
    return body.Data as TData;
  }

  #client(): Promise<SignedClient> {
    if (this.#signedClient === undefined) {
      this.#signedClient = this.#createClient();
      // A failed lookup is not cached, so a later call picks up corrected credentials.
      this.#signedClient.catch(() => (this.#signedClient = undefined));
    }
    return this.#signedClient;
  }

  async #createClient(): Promise<SignedClient> {
    const resolved = await resolveCredentials(this.#settings);
    const config = new $OpenApi.Config({
      credential: new Credential(null, resolved.provider),
      endpoint: this.connection.host,
      protocol: this.connection.protocol,
      readTimeout: this.connection.readTimeoutMs,
      connectTimeout: this.connection.connectTimeoutMs,
    });
    return { sdk: new OpenApi(config), secrets: resolved.secrets };
  }
}
