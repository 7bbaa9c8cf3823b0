import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../db/schema/enum-values';
import { connectors, getConnector } from './registry';

describe('connector registry', () => {
  it('has one connector per platform, each naming its own platform', () => {
    for (const platform of PLATFORMS) expect(getConnector(platform).platform).toBe(platform);
    expect(Object.keys(connectors).sort()).toEqual([...PLATFORMS].sort());
  });

  it('offers token refresh where the platform has refresh tokens and not on Meta', () => {
    expect(getConnector('google_ads').oauth.refresh).toBeTypeOf('function');
    expect(getConnector('linkedin').oauth.refresh).toBeTypeOf('function');
    expect(getConnector('meta').oauth.refresh).toBeUndefined();
  });

  it('throws for an unknown platform', () => {
    expect(() => getConnector('tiktok' as never)).toThrow(/no connector/);
  });
});
