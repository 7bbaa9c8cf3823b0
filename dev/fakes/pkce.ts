import { createHash } from 'node:crypto';

/** A PKCE challenge as the dialog received it (RFC 7636 §4.3; `plain` when the method is absent). */
export interface PkceChallenge {
  challenge: string;
  method: 'S256' | 'plain';
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Reads code_challenge / code_challenge_method from the dialog's parameters: none, one, or why it is refused. */
export function readChallenge(params: { get(name: string): string | null | undefined }): PkceChallenge | null | { error: string } {
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method') ?? 'plain';
  if (!challenge) return params.get('code_challenge_method') ? { error: 'code_challenge_method without code_challenge' } : null;
  if (method !== 'S256' && method !== 'plain') return { error: `Unsupported code_challenge_method: ${method}` };
  if (!VERIFIER.test(challenge)) return { error: 'Invalid code_challenge: 43 to 128 unreserved characters' };
  return { challenge, method };
}

/** Whether the verifier sent to the token endpoint matches the challenge the dialog got. */
export function verifierMatches(challenge: PkceChallenge, verifier: string | null | undefined): boolean {
  if (!verifier || !VERIFIER.test(verifier)) return false;
  const derived = challenge.method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  return derived === challenge.challenge;
}
