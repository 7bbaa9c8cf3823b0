import { DEV_SECRETS } from '../dev-vars';

/** Talks to a running Tidemark's operator API (wrangler dev locally, the deployed Worker otherwise). */
export interface OperatorClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

export function operatorClient(): OperatorClient {
  const base = (process.env.TIDEMARK_URL ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
  const token = process.env.OPERATOR_TOKEN ?? DEV_SECRETS.OPERATOR_TOKEN;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${base}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new CliError(`Cannot reach Tidemark at ${base}. Start it with \`npm run dev\` or set TIDEMARK_URL.`);
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) throw new CliError(`${method} ${path} → ${res.status}: ${String(json.detail ?? text)}`);
    return json as T;
  }
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}

/** An error whose message is meant for the person at the terminal, printed without a stack. */
export class CliError extends Error {}

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof CliError ? `error: ${error.message}` : error);
    process.exit(1);
  }
}

/** Parses `--name value` flags; unknown flags are an error, so typos do not silently sync everything. */
export function parseFlags(argv: string[], known: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new CliError(`Unexpected argument "${arg}".`);
    const name = arg.slice(2);
    if (!known.includes(name)) throw new CliError(`Unknown option --${name}. Known: ${known.map((k) => `--${k}`).join(', ')}.`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value.`);
    flags[name] = value;
    i++;
  }
  return flags;
}
