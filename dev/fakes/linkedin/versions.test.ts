import { describe, expect, it } from 'vitest';
import { versionError } from './versions';

const now = new Date('2026-11-29T12:00:00Z');

describe('Linkedin-Version header', () => {
  it.each(['202601', '202603', '202607', '202610'])('accepts the active version %s', (version) => {
    expect(versionError(version, now)).toBeNull();
  });

  it('answers 400 VERSION_MISSING when the header is absent', () => {
    expect(versionError(undefined, now)?.body).toMatchObject({ status: 400, code: 'VERSION_MISSING' });
  });

  it('answers 426 NONEXISTENT_VERSION for 202511, sunset on 2026-11-16', () => {
    expect(versionError('202511', now)?.body).toEqual({
      status: 426,
      code: 'NONEXISTENT_VERSION',
      message: 'Requested version 20251101 is not active',
    });
    expect(versionError('202511', new Date('2026-11-15T12:00:00Z'))).toBeNull();
  });

  it('answers 426 for anything older', () => {
    expect(versionError('202404', now)?.status).toBe(426);
  });

  it.each(['202611', '202512', '202613', '2026-01', 'latest'])('answers 400 NONEXISTENT_VERSION for %s', (version) => {
    expect(versionError(version, now)?.body).toMatchObject({ status: 400, code: 'NONEXISTENT_VERSION' });
  });

  it('sunsets 202601 on 2027-01-15', () => {
    expect(versionError('202601', new Date('2027-01-15T00:00:00Z'))?.status).toBe(426);
  });
});
