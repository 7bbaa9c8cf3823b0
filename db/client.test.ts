import { neonConfig } from '@neondatabase/serverless';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './client';

const saved = { wsProxy: neonConfig.wsProxy, useSecureWebSocket: neonConfig.useSecureWebSocket };
afterEach(() => Object.assign(neonConfig, saved));

/** The WebSocket URL the Neon driver would open for a Postgres host (its own composition of scheme and proxy). */
function socketUrl(host: string, port: number): string {
  const proxy = neonConfig.wsProxy;
  const address = typeof proxy === 'function' ? proxy(host, port) : `${proxy}?address=${host}:${port}`;
  return `${neonConfig.useSecureWebSocket ? 'wss' : 'ws'}://${address}`;
}

describe('createDb with a WebSocket proxy', () => {
  it('reaches a wss:// proxy with TLS', async () => {
    const { close } = createDb({
      databaseUrl: 'postgres://tidemark_app:pw@db.internal:5432/tidemark',
      wsProxy: 'wss://pg-proxy.example.com',
    });
    await close();
    expect(socketUrl('db.internal', 5432)).toBe('wss://pg-proxy.example.com/v1?address=db.internal:5432');
  });

  it('reaches the local host:port proxy in plain text, as the local stack needs', async () => {
    const { close } = createDb({ databaseUrl: 'postgres://tidemark_app:pw@127.0.0.1:5488/tidemark', wsProxy: '127.0.0.1:5480' });
    await close();
    expect(socketUrl('127.0.0.1', 5488)).toBe('ws://127.0.0.1:5480/v1?address=127.0.0.1:5488');
  });

  it('refuses a proxy address it cannot read', () => {
    expect(() => createDb({ databaseUrl: 'postgres://u:p@h/db', wsProxy: 'https://pg-proxy.example.com' })).toThrow(
      'WS_PROXY must be wss://host[:port], ws://host:port or host:port',
    );
  });
});
