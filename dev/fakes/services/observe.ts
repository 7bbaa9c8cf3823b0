import type { Context, MiddlewareHandler } from 'hono';
import type { FakeContext, FaultKind, ServiceName } from '../context';

/** How a service answers an injected fault, in its own error format. */
export type FaultResponses = Record<Exclude<FaultKind, 'timeout' | 'truncated_body' | 'repeat_cursor'>, (c: Context) => Response>;

interface NodeBindings {
  incoming?: { socket?: { destroy(): void } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the request, then drops the TCP connection without an answer (504 only when there is no socket, e.g. app.request). */
export async function dropConnection(c: Context, delayMs: number): Promise<Response> {
  await sleep(delayMs);
  (c.env as NodeBindings | undefined)?.incoming?.socket?.destroy();
  return new Response(null, { status: 504 });
}

/**
 * Records every request of an outbound service in the call ledger and applies injected faults:
 * the service's own 5xx / 429 / auth error, a dropped connection, or a body cut in half.
 */
export function observeService(
  ctx: FakeContext,
  service: ServiceName,
  faults: FaultResponses,
  accountIdOf?: (c: Context) => string | undefined,
): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    const accountId = accountIdOf?.(c);
    const record = (status: number) =>
      ctx.calls.record({
        service,
        method: c.req.method,
        path,
        at: ctx.world.clock.now().getTime(),
        status,
        cost: 1,
        ...(accountId ? { accountId } : {}),
      });
    const fault = ctx.faults.take(service, { path, accountId });
    if (fault?.kind === 'timeout') {
      const response = await dropConnection(c, fault.delayMs ?? 30_000);
      record(response.status);
      return response;
    }
    // repeat_cursor is a paging fault: these services have no paging, so it changes nothing here.
    if (fault && fault.kind !== 'truncated_body' && fault.kind !== 'repeat_cursor') {
      const response = faults[fault.kind](c);
      record(response.status);
      return response;
    }
    await next();
    if (fault?.kind === 'truncated_body') {
      const text = await c.res.text();
      const headers = new Headers(c.res.headers);
      headers.delete('content-length');
      c.res = new Response(text.slice(0, Math.floor(text.length / 2)), { status: 200, headers });
    }
    record(c.res.status);
  };
}

/** Parses a JSON body; undefined when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    return undefined;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
