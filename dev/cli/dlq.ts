/**
 * `npm run dlq -- list` shows sync messages that used up their retries;
 * `npm run dlq -- redrive <id>... | --all` puts them back on the queue.
 */
import { CliError, operatorClient, runCli } from './operator-client';

interface DeadLetter {
  id: string;
  queue: string;
  tenantId: string | null;
  body: { adAccountId?: string; lane?: string; from?: string; to?: string };
  attempts: number;
  receivedAt: string;
}

runCli(async () => {
  const [command, ...rest] = process.argv.slice(2);
  const client = operatorClient();
  if (command === 'list' || command === undefined) {
    const { deadLetters } = await client.get<{ deadLetters: DeadLetter[] }>('/ops/dead-letters');
    if (!deadLetters.length) {
      console.log('The dead-letter queue is empty.');
      return;
    }
    for (const d of deadLetters) {
      console.log(
        `${d.id}  ${d.receivedAt}  tenant ${d.tenantId ?? '?'}  account ${d.body.adAccountId ?? '?'}  ${d.body.lane ?? ''} ${d.body.from ?? ''}→${d.body.to ?? ''}  after ${d.attempts} attempts`,
      );
    }
    return;
  }
  if (command === 'redrive') {
    const body = rest[0] === '--all' ? { all: true } : { ids: rest };
    if (!('all' in body) && !rest.length) throw new CliError('Usage: npm run dlq -- redrive <id>... | --all');
    const result = await client.post<{ redriven: number; refused: Array<{ id: string; reason: string }> }>(
      '/ops/dead-letters/redrive',
      body,
    );
    console.log(`Re-enqueued ${result.redriven} message(s).`);
    // Malformed messages are parked for inspection only: they stay parked and are listed with why.
    for (const r of result.refused) console.log(`  refused ${r.id}: ${r.reason}; it stays parked`);
    return;
  }
  throw new CliError(`Unknown command "${command}". Use: list | redrive <id>... | redrive --all`);
});
