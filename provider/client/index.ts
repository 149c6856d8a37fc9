// Public surface of the Bailian API client.
export { BailianClient, type ApplyFileUploadLeaseCall, type FileIdRequest } from "./client";
export {
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  DEFAULT_READ_TIMEOUT_SECONDS,
  KNOWN_REGIONS,
  endpointForRegion,
  isLoopbackEndpoint,
  resolveConnectionSettings,
  type ResolvedConnection,
} from "./connection";
export {
  BailianApiError,
  BailianInputError,
  BailianNetworkError,
  isNotFoundError,
  isRetryableError,
  isThrottlingError,
  type BailianApiErrorFields,
  type NetworkFailure,
} from "./errors";
export { withRetry, retryDelayMs, type RetryOptions } from "./retry";
export { API_VERSION } from "./transport";
export { PATH_ID_PATTERN } from "./wire";
export * from "./types";
