import { describe, expect, it } from 'vitest';
import { parseWsProxy } from './ws-proxy-address';

describe('parseWsProxy', () => {
  it.each([
    ['wss://pg-proxy.example.com', { address: 'pg-proxy.example.com', secure: true }],
    ['wss://pg-proxy.example.com:443/', { address: 'pg-proxy.example.com:443', secure: true }],
    ['wss://pg-proxy.example.com/tenant-db', { address: 'pg-proxy.example.com/tenant-db', secure: true }],
    ['ws://127.0.0.1:5480', { address: '127.0.0.1:5480', secure: false }],
    ['127.0.0.1:5480', { address: '127.0.0.1:5480', secure: false }],
    ['[::1]:5480', { address: '[::1]:5480', secure: false }],
  ])('reads %s', (value, expected) => {
    expect(parseWsProxy(value)).toEqual(expected);
  });

  it.each(['', 'wss://', 'https://pg-proxy.example.com', 'http://127.0.0.1:5480', 'host:port', 'pg proxy:5480', 'wss://h/v1?address=x'])(
    'refuses %j',
    (value) => {
      expect(parseWsProxy(value)).toBeUndefined();
    },
  );
});
