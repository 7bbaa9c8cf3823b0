import type { TestProject } from 'vitest/node';
import { startTestStack } from './stack';

declare module 'vitest' {
  export interface ProvidedContext {
    superDatabaseUrl: string;
    appDatabaseUrl: string;
    wsProxy: string;
    fakesUrl: string;
  }
}

/** Starts Postgres, the ws proxy and the fakes once for the workerd integration project. */
export default async function setup(project: TestProject) {
  const stack = await startTestStack();
  project.provide('superDatabaseUrl', stack.superDatabaseUrl);
  project.provide('appDatabaseUrl', stack.appDatabaseUrl);
  project.provide('wsProxy', stack.wsProxy);
  project.provide('fakesUrl', stack.fakesUrl);
  return () => stack.stop();
}
