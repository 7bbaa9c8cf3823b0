import { redactedError } from '../db/query-errors';
import type { JobMessage } from './jobs/messages';

type Handler = ExportedHandler<Env, JobMessage>;

function rethrowRedacted(error: unknown): never {
  throw redactedError(error);
}

/**
 * The Worker's handlers, with a failed query that escapes them rethrown without its parameters:
 * the runtime writes uncaught errors to the Worker's logs whole (drizzle puts the values in the message).
 */
export function withRedactedErrors<H extends Handler>(handler: H): H {
  const { fetch, scheduled, queue } = handler;
  return {
    ...handler,
    ...(fetch && { fetch: (request, env, ctx) => Promise.resolve(fetch.call(handler, request, env, ctx)).catch(rethrowRedacted) }),
    ...(scheduled && {
      scheduled: (controller, env, ctx) => Promise.resolve(scheduled.call(handler, controller, env, ctx)).catch(rethrowRedacted),
    }),
    ...(queue && { queue: (batch, env, ctx) => Promise.resolve(queue.call(handler, batch, env, ctx)).catch(rethrowRedacted) }),
  } satisfies Handler as H;
}
