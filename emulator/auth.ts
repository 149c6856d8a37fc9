import { ApiError } from "./errors";
import {
  MAX_CLOCK_SKEW_MS,
  checkSignedParts,
  parseAuthorization,
  signatureMatches,
  stringToSign,
  type SignedRequest,
} from "./signature";

/** The one credential the emulator accepts; with `securityToken` it is an STS credential. */
export interface EmulatorCredential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/**
 * Authenticates signed API requests against the configured credential. Errors never contain the
 * secret or the received signature.
 */
export class Authenticator {
  private readonly nonces = new Map<string, number>();

  constructor(private readonly credential: EmulatorCredential) {}

  verify(request: SignedRequest): void {
    if (request.headers["x-acs-bearer-token"] !== undefined) {
      throw new ApiError(
        "IncompleteSignature",
        "Bearer tokens are not supported by the emulator; sign with an AccessKey.",
      );
    }
    const authorization = request.headers["authorization"]?.[0];
    if (authorization?.startsWith("acs ")) {
      throw new ApiError(
        "IncompleteSignature",
        "The legacy HMAC-SHA1 signature is not supported; use the default ACS3-HMAC-SHA256 signature.",
      );
    }
    const auth = parseAuthorization(authorization);
    if (auth.accessKeyId !== this.credential.accessKeyId) {
      throw new ApiError(
        "InvalidAccessKeyId.NotFound",
        `Specified access key is not found: ${auth.accessKeyId}.`,
      );
    }
    this.checkSecurityToken(request, auth.accessKeyId);

    const realNow = Date.now();
    checkSignedParts(request, auth, realNow);
    if (!signatureMatches(request, auth, this.credential.accessKeySecret)) {
      throw new ApiError(
        "SignatureDoesNotMatch",
        `Specified signature does not match our calculation. The server string to sign is: ${JSON.stringify(stringToSign(request, auth))}.`,
      );
    }
    this.checkNonce(request.headers["x-acs-signature-nonce"]?.[0] ?? "", realNow);
  }

  private checkSecurityToken(request: SignedRequest, accessKeyId: string): void {
    const token = request.headers["x-acs-security-token"]?.[0];
    const headerKeyId = request.headers["x-acs-accesskey-id"]?.[0];
    if (headerKeyId !== undefined && headerKeyId !== accessKeyId) {
      throw new ApiError(
        "InvalidSecurityToken.MismatchWithAccessKey",
        "x-acs-accesskey-id does not match the Credential in the Authorization header.",
      );
    }
    const expected = this.credential.securityToken;
    if (expected === undefined) {
      if (token !== undefined) {
        throw new ApiError(
          "InvalidSecurityToken.MismatchWithAccessKey",
          "A security token was sent with a permanent AccessKey; send the token only with STS credentials.",
        );
      }
      return;
    }
    if (token === undefined) {
      throw new ApiError(
        "MissingSecurityToken",
        "This AccessKey is an STS credential; send its security token in x-acs-security-token.",
      );
    }
    if (token !== expected) {
      throw new ApiError(
        "InvalidSecurityToken.Malformed",
        "The security token is invalid or expired; request a new STS token.",
      );
    }
  }

  // A nonce may be used once within the clock-skew window.
  private checkNonce(nonce: string, realNow: number): void {
    if (this.nonces.size > 10_000) {
      for (const [seen, expiresAt] of this.nonces) {
        if (expiresAt < realNow) {
          this.nonces.delete(seen);
        }
      }
    }
    const expiresAt = this.nonces.get(nonce);
    if (expiresAt !== undefined && expiresAt >= realNow) {
      throw new ApiError(
        "SignatureNonceUsed",
        "x-acs-signature-nonce was already used; send a new random nonce with every request.",
      );
    }
    this.nonces.set(nonce, realNow + 2 * MAX_CLOCK_SKEW_MS);
  }
}
