/**
 * Endpoint signing secrets at rest: sealed like OAuth tokens (token-crypto.ts), bound to the agency,
 * the endpoint and their own field, so a ciphertext copied onto another endpoint or into a token
 * column does not decrypt. The one place that knows how.
 */
import { decryptToken, encryptToken, type TokenBinding, type TokenKeyring } from '../auth/token-crypto';

const boundTo = (agencyId: string, endpointId: string): TokenBinding => ({
  tenantId: agencyId,
  connectionId: endpointId,
  field: 'webhook_secret',
});

export function sealEndpointSecret(keyring: TokenKeyring, secret: string, agencyId: string, endpointId: string): Promise<string> {
  return encryptToken(keyring, secret, boundTo(agencyId, endpointId));
}

export function openEndpointSecret(keyring: TokenKeyring, stored: string, agencyId: string, endpointId: string): Promise<string> {
  return decryptToken(keyring, stored, boundTo(agencyId, endpointId));
}
