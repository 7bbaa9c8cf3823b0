import { InvalidConfigError, readConfig } from './env';

/**
 * The Worker refuses to run on an invalid configuration instead of limping along: every handler
 * checks it first. The log line names the variables (never their values) for the operator.
 */
function logInvalidConfig(error: InvalidConfigError, fields: Record<string, string>): void {
  console.error(
    JSON.stringify({
      level: 'error',
      event: 'invalid-config',
      ...fields,
      variables: error.issues.map((i) => i.variable),
      message: error.message,
    }),
  );
}

/** 503 problem details for a request to a misconfigured Worker (nothing about which secret is wrong); undefined when the config is valid. */
export function refuseIfMisconfigured(request: Request, env: Env): Response | undefined {
  try {
    readConfig(env);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    const requestId = request.headers.get('cf-ray') ?? crypto.randomUUID();
    logInvalidConfig(error, { requestId });
    const body = {
      type: 'https://docs.tidemark.dev/errors/service_misconfigured',
      title: 'service misconfigured',
      status: 503,
      code: 'service_misconfigured',
      detail: 'This Tidemark deployment is not configured correctly; the operator can find the reason in the Worker logs.',
      requestId,
    };
    return Response.json(body, { status: 503, headers: { 'x-request-id': requestId } });
  }
}

/** For the cron and queue handlers: logs like a refused request, then fails the invocation (the queue retries the batch). */
export function assertConfigured(env: Env, handler: 'scheduled' | 'queue'): void {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof InvalidConfigError) logInvalidConfig(error, { handler });
    throw error;
  }
}
