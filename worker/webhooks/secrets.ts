/**
 * Endpoint signing secrets at rest: encrypted with the token key, bound to the endpoint
 * (a ciphertext copied onto another endpoint does not decrypt). The one place that knows how.
 */
import { decryptToken, encryptToken } from '../auth/token-crypto';

const boundTo = (endpointId: string) => `webhook-endpoint:${endpointId}`;

export function sealEndpointSecret(key: CryptoKey, secret: string, endpointId: string): Promise<string> {
  return encryptToken(key, secret, boundTo(endpointId));
}

export function openEndpointSecret(key: CryptoKey, stored: string, endpointId: string): Promise<string> {
  return decryptToken(key, stored, boundTo(endpointId));
}
