import { describe, expect, it } from 'vitest';
import { socketOriginAllowed, socketTags } from './socket-origin';

function upgrade(url: string, origin?: string): Request {
  return new Request(url, { headers: { upgrade: 'websocket', ...(origin === undefined ? {} : { origin }) } });
}

describe('socketOriginAllowed', () => {
  it.each([
    ['a page of the same origin', 'https://app.tidemark.example/parties/tenant-hub/x', 'https://app.tidemark.example'],
    [
      'a page on a custom domain opening that domain’s hub',
      'https://dash.client.example/parties/tenant-hub/x',
      'https://dash.client.example',
    ],
    ['a local page with its port', 'http://127.0.0.1:8787/parties/tenant-hub/x', 'http://127.0.0.1:8787'],
    ['a client that sends no Origin', 'https://app.tidemark.example/parties/tenant-hub/x', undefined],
  ])('allows %s', (_, url, origin) => {
    expect(socketOriginAllowed(upgrade(url, origin))).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['a look-alike subdomain', 'https://app.tidemark.example.evil.example'],
    ['the same host over http', 'http://app.tidemark.example'],
    ['the same host on another port', 'https://app.tidemark.example:8443'],
    ['the opaque origin of a sandboxed frame or a file', 'null'],
    ['an empty Origin', ''],
  ])('refuses %s', (_, origin) => {
    expect(socketOriginAllowed(upgrade('https://app.tidemark.example/parties/tenant-hub/x', origin))).toBe(false);
  });
});

describe('socketTags', () => {
  it('tags a socket with its user and session', () => {
    expect(socketTags('u1', 'abc')).toEqual(['user:u1', 'session:abc']);
    expect(socketTags(null, null)).toEqual([]);
  });
});
