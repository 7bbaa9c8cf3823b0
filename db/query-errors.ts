/**
 * Error text that is safe to log. Drizzle's failed-query error reads "Failed query: <sql>\nparams:
 * <values>", and the values are whatever the query carried: emails, session hashes, message bodies.
 * What is logged keeps the statement (placeholders only) and Postgres's own error, never a parameter.
 */

const REDACTED = '[redacted]';

interface FailedQuery extends Error {
  query: string;
  params: unknown[];
}

function isFailedQuery(error: unknown): error is FailedQuery {
  return error instanceof Error && typeof (error as FailedQuery).query === 'string' && Array.isArray((error as FailedQuery).params);
}

/**
 * Postgres quotes a rejected input value after a colon (`invalid input syntax for type uuid: "…"`),
 * and identifiers after a word (`relation "…"`): only the values go.
 */
function withoutQuotedValues(message: string): string {
  return message.replace(/: "(?:[^"]|"")*"/g, `: "${REDACTED}"`);
}

/** A message with any embedded parameter list removed (a failed query's text wrapped into another error). */
function withoutParams(message: string): string {
  return message.replace(/\bparams: [\s\S]*$/, `params: ${REDACTED}`);
}

function causeSummary(cause: unknown): string {
  if (!(cause instanceof Error)) return '';
  const { code } = cause as Error & { code?: unknown };
  const prefix = typeof code === 'string' ? `${code} ` : '';
  return ` (${prefix}${withoutQuotedValues(withoutParams(cause.message))})`;
}

/** The error's message, safe to log: a failed query's SQL and Postgres error without its parameters. */
export function loggableErrorMessage(error: unknown): string {
  if (isFailedQuery(error)) return `Failed query: ${error.query}${causeSummary(error.cause)}`;
  if (error instanceof Error) return withoutQuotedValues(withoutParams(error.message)) + causeSummary(error.cause);
  return withoutQuotedValues(withoutParams(String(error)));
}

/** The message and the stack frames (whose first line repeats the raw message, so it is rebuilt). */
export function loggableError(error: unknown): { message: string; stack?: string } {
  const message = loggableErrorMessage(error);
  if (!(error instanceof Error) || !error.stack) return { message };
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
  return { message, stack: [`${error.name}: ${message}`, ...frames].join('\n') };
}

/**
 * For rethrowing to a runtime that logs uncaught errors whole (the Worker's fetch, scheduled and queue
 * handlers): a failed query, or an error quoting one, becomes an Error with a loggable message and
 * stack; any other error is returned as it is (its type still tells callers what went wrong).
 */
export function redactedError(error: unknown): unknown {
  if (!isFailedQuery(error) && !(error instanceof Error && /\bparams: /.test(error.message))) return error;
  const { message, stack } = loggableError(error);
  const redacted = new Error(message);
  redacted.name = error instanceof Error ? error.name : 'Error';
  if (stack) redacted.stack = stack;
  return redacted;
}
