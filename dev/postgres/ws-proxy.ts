import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { endsWithTerminate, isAllowedTarget, parseProxyTarget, splitHostPort } from './ws-proxy-protocol';

export type WsProxyOptions = {
  host?: string;
  port: number;
  /** 'host:port' pairs the proxy may reach, e.g. the local Postgres; everything else gets 403. */
  allowedTargets: string[];
};

export type RunningWsProxy = { url: string; close(): Promise<void> };

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function pipeWebSocketToTcp(ws: WebSocket, tcp: Socket): void {
  ws.on('message', (data) => {
    const frame = toBuffer(data);
    tcp.write(frame);
    if (endsWithTerminate(frame)) tcp.end();
  });
  tcp.on('data', (chunk) => {
    if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
  });
  ws.on('close', () => tcp.end());
  ws.on('error', () => tcp.destroy());
  tcp.on('close', () => ws.close());
  tcp.on('error', () => ws.terminate());
}

/**
 * A Neon-compatible WebSocket-to-TCP proxy (`ws://<url>/v1?address=host:port`), so the Worker's
 * `@neondatabase/serverless` Pool reaches a plain Postgres exactly as it reaches Neon.
 */
export async function startWsProxy({ host = '127.0.0.1', port, allowedTargets }: WsProxyOptions): Promise<RunningWsProxy> {
  const wss = new WebSocketServer({ noServer: true });
  const tcpSockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket upgrade required');
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = parseProxyTarget(req.url);
    if (!target) return refuse(socket, '400 Bad Request');
    if (!isAllowedTarget(target, allowedTargets)) return refuse(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const tcp = connect(splitHostPort(target));
      tcp.setNoDelay(true);
      tcpSockets.add(tcp);
      tcp.on('close', () => tcpSockets.delete(tcp));
      pipeWebSocketToTcp(ws, tcp);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  return {
    url: `${host}:${boundPort}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      for (const tcp of tcpSockets) tcp.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
