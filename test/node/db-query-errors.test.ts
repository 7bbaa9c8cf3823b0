import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSessionUser, findUserByEmail } from '../../db/queries/auth';
import { loggableError, loggableErrorMessage, redactedError } from '../../db/query-errors';
import { startTestDatabase, type TestDatabase } from '../../db/testing/test-database';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await startTestDatabase();
  // This file's own database: the application role loses sessions, so reading one fails inside Postgres.
  await testDb.db.execute(sql`revoke select on sessions from tidemark_app`);
});
afterAll(async () => {
  await testDb?.stop();
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the query to fail');
  return error;
}

describe('loggable errors of failed queries (real Postgres failures)', () => {
  it('keep the statement and the Postgres error of a failed session lookup, without the session hash', async () => {
    const sessionHash = 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c';
    const error = await failure(findSessionUser(testDb.appDb, sessionHash));
    expect(`${error.message}\n${error.stack}`).toContain(sessionHash);
    const { message, stack } = loggableError(error);
    expect(message).toMatch(/^Failed query: select .* from "sessions"/);
    expect(message).toContain('(42501 permission denied for table sessions)');
    expect(message).not.toContain(sessionHash);
    expect(stack).not.toContain(sessionHash);
    expect(stack).toMatch(/\n\s+at /);
  });

  it('leave out the email of a sign-in lookup that Postgres refused', async () => {
    const email = 'alice.canary@example.test\u0000';
    const error = await failure(findUserByEmail(testDb.appDb, email));
    expect(error.message).toContain('alice.canary');
    expect(loggableErrorMessage(error)).not.toContain('alice.canary');
    expect(loggableErrorMessage(error)).toMatch(/^Failed query: select .* from "users"/);
  });

  it('leave out an input value Postgres quotes in its own message, and keep the identifiers', async () => {
    const error = await failure(testDb.appDb.execute(sql`select ${'value-canary'}::uuid from "tenants"`));
    expect((error.cause as Error).message).toContain('value-canary');
    expect(loggableErrorMessage(error)).toContain('invalid input syntax for type uuid: "[redacted]"');
    expect(loggableErrorMessage(error)).not.toContain('value-canary');
    const missing = await failure(testDb.appDb.execute(sql`select 1 from "no_such_table" where ${'x'} = 'y'`));
    expect(loggableErrorMessage(missing)).toContain('relation "no_such_table" does not exist');
  });

  it('rethrow as an error a runtime may log whole', async () => {
    const error = await failure(findSessionUser(testDb.appDb, 'rethrown-canary'));
    const rethrown = redactedError(error) as Error;
    expect(`${rethrown.message}\n${rethrown.stack}`).not.toContain('rethrown-canary');
    expect(rethrown.message).toMatch(/^Failed query:/);
    const unrelated = new TypeError('not a query');
    expect(redactedError(unrelated)).toBe(unrelated);
  });

  it('strip a parameter list another error copied into its message', () => {
    const wrapped = new Error('backfill failed: Failed query: select 1\nparams: someone@example.test,secret');
    expect(loggableErrorMessage(wrapped)).toBe('backfill failed: Failed query: select 1\nparams: [redacted]');
    expect(loggableErrorMessage('plain text')).toBe('plain text');
  });
});
