import { createFakeServer, type FakeServer, type FakeServerOptions } from './server';

/** Starts the fakes on a free port for a test; remember to `await close()` in afterAll. */
export function startFakes(options: Omit<FakeServerOptions, 'port' | 'host'> = {}): Promise<FakeServer> {
  return createFakeServer({ ...options, port: 0, host: '127.0.0.1' });
}
