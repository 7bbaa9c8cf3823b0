import { Hono } from 'hono';
import type { FakeContext } from '../context';
import { createBatchRunner } from './batch';
import { MetaError, metaErrorBody, newFbtraceId } from './errors';
import { type GraphOutcome, serveGraphCall } from './pipeline';
import { type GraphRequest, readGraphRequest } from './request';
import { createMetaState } from './state';

export { CLIENT_ID as META_CLIENT_ID, CLIENT_SECRET as META_CLIENT_SECRET } from './state';

/**
 * The fake Meta Marketing API (graph.facebook.com and the www.facebook.com OAuth dialog) under one prefix.
 * Routes are relative to the prefix the fake server mounts it at ("/meta").
 */
export function createMetaFake(ctx: FakeContext, options: { prefix?: string } = {}): Hono {
  const prefix = options.prefix ?? '/meta';
  const state = createMetaState(ctx, prefix);
  ctx.tokens = { ...ctx.tokens, meta: { apply: state.tokens.control } };
  const serve = (req: GraphRequest): Promise<GraphOutcome> => serveGraphCall(state, req, runBatch);
  const runBatch = createBatchRunner(state, serve);

  const app = new Hono();
  app.all('*', async (c) => {
    let request: GraphRequest;
    try {
      request = await readGraphRequest(c.req.raw, prefix);
    } catch (error) {
      if (!(error instanceof MetaError)) throw error;
      ctx.calls.record({
        service: 'meta',
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        at: state.nowMs(),
        status: error.spec.status,
        cost: 0,
      });
      return Response.json(metaErrorBody(error.spec, newFbtraceId()), { status: error.spec.status, headers: error.spec.headers });
    }
    const outcome = await serve(request);
    if (outcome.kind === 'drop') {
      await new Promise((resolve) => setTimeout(resolve, outcome.delayMs));
      return dropConnection(c.env);
    }
    return new Response(outcome.status === 302 ? null : outcome.body, { status: outcome.status, headers: outcome.headers });
  });
  return app;
}

/** Closes the socket without a response (node-server bindings when present; otherwise a body stream that errors). */
function dropConnection(env: unknown): Response {
  const bindings = env as { incoming?: { socket?: { destroy(): void } }; outgoing?: { destroy(): void } } | undefined;
  bindings?.incoming?.socket?.destroy();
  bindings?.outgoing?.destroy();
  const broken = new ReadableStream({
    start(controller) {
      controller.error(new Error('meta fake: timeout fault dropped the connection'));
    },
  });
  return new Response(broken, { status: 200, headers: { 'Content-Type': 'application/json; charset=UTF-8' } });
}
