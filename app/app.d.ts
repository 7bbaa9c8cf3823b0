/// <reference path="../worker/worker-configuration.d.ts" />
import type { Database } from '$db/client';
import type { SessionUser } from '$db/queries/auth';

declare global {
  namespace App {
    interface Locals {
      db: Database;
      user: SessionUser | null;
      sessionToken: string | undefined;
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

export {};
