import type { Database } from '$db/client';
import type { SessionUser } from '$db/queries/auth';
import type { HostRoute } from '$worker/domains/host-route';
import type { Clock } from '$worker/lib/clock';
import type { Telemetry } from '$worker/observability/telemetry';

declare global {
  /**
   * The Worker's bindings as the SvelteKit side sees them: only handed to `readConfig`, which
   * validates them with zod. The generated `Env` (worker/worker-configuration.d.ts) is not
   * referenced here because it imports worker/index.ts, which would pull every workerd-only API
   * (crypto.subtle.timingSafeEqual, workers' BufferSource) into this DOM-typed check.
   */
  interface Env {
    readonly [binding: string]: unknown;
  }

  namespace App {
    interface Locals {
      db: Database;
      user: SessionUser | null;
      sessionToken: string | undefined;
      /** The request's telemetry: the read models time their queries with it. */
      telemetry: Telemetry;
      /** The Worker's clock (compressed in the sync benchmark): what "now" is for ranges and lag. */
      clock: Clock;
      /** Which site the Host asks for (worker/domains/host-route.ts); an unknown one never reaches a page. */
      host: HostRoute;
    }
    interface Platform {
      env: Env;
      ctx: ExecutionContext;
    }
    interface Error {
      message: string;
    }
  }
}
