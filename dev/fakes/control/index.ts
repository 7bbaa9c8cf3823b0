import { Hono } from 'hono';
import { createInboxRoute } from './inbox';
import { createKnobRoutes } from './knobs';
import { createRecordRoutes } from './records';
import type { ControlDeps } from './shared';

export type { ControlDeps } from './shared';

/** The control API under /_control: JSON for tests and scripts, plus the HTML inbox. */
export function createControlApp(deps: ControlDeps): Hono {
  const app = new Hono();
  app.route('/', createRecordRoutes(deps));
  app.route('/', createKnobRoutes(deps));
  app.route('/', createInboxRoute(deps));
  app.all('*', (c) => c.json({ error: 'not_found', message: `no control route ${c.req.method} /_control${c.req.path}` }, 404));
  return app;
}
