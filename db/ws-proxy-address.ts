/** How the Neon driver reaches a WebSocket proxy: the address without a scheme, and whether over TLS. */
export type WsProxyAddress = { address: string; secure: boolean };

/**
 * Reads `WS_PROXY`: `wss://host[:port][/path]` is reached with TLS; `ws://host:port` or a bare
 * `host:port` (the local stack's proxy) in plain text. Anything else is not a proxy address.
 */
export function parseWsProxy(value: string): WsProxyAddress | undefined {
  const match = /^(?:(wss?):\/\/)?((?:\[[\d:a-f.]+\]|[^/\s?#:[\]]+)(?::\d{1,5})?(?:\/[^\s?#]*)?)$/i.exec(value);
  if (!match) return undefined;
  const address = match[2]!.replace(/\/+$/, '');
  if (!URL.canParse(`ws://${address}`)) return undefined;
  return { address, secure: match[1] === 'wss' };
}
