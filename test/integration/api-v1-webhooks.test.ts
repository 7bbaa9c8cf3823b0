import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/database';
import { createKey, createTestAgency, type TestAgency, v1Client } from './api-v1-support';
import { closeWhenIdle, superDb, testEnv } from './support';

const arranged = superDb();
afterAll(() => closeWhenIdle(arranged));

let agency: TestAgency;
let other: TestAgency;
let writeKey: string;
let readKey: string;
let otherKey: string;
beforeAll(async () => {
  agency = await createTestAgency(arranged.db);
  other = await createTestAgency(arranged.db);
  writeKey = (await createKey(agency, 'write')).key;
  readKey = (await createKey(agency, 'read')).key;
  otherKey = (await createKey(other, 'write')).key;
});

const receiver = `${testEnv.FAKES_URL}/receivers/webhooks/api-v1`;

describe('/api/v1/webhooks', () => {
  it('replays an idempotent registration with the same secret, which the stored replay keeps sealed', async () => {
    const idempotencyKey = crypto.randomUUID();
    const body = { url: receiver, events: ['sync.failed' as const] };
    const params = { header: { 'idempotency-key': idempotencyKey } };
    const first = await v1Client(writeKey).POST('/webhooks', { body, params });
    const replay = await v1Client(writeKey).POST('/webhooks', { body, params });
    expect(first.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data).toEqual(first.data);
    const secret = first.data!.secret;
    const stored = rowsOf<{ response_body: unknown }>(
      await arranged.db.execute(sql`select response_body from idempotency_keys where agency_id = ${agency.agencyId}`),
    );
    expect(stored.length).toBeGreaterThan(0);
    const text = JSON.stringify(stored);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice('whsec_'.length));
  });

  it('registers an endpoint and shows its signing secret once, storing it encrypted', async () => {
    const created = await v1Client(writeKey).POST('/webhooks', { body: { url: receiver, events: ['backfill.completed', 'sync.failed'] } });
    expect(created.response.status).toBe(201);
    const { id, secret } = created.data!;
    expect(secret).toMatch(/^whsec_/);
    const listed = await v1Client(readKey).GET('/webhooks');
    expect(listed.data!.data.find((w) => w.id === id)).toEqual({
      id,
      url: receiver,
      events: ['backfill.completed', 'sync.failed'],
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    const [row] = rowsOf<{ secret_enc: string }>(await arranged.db.execute(sql`select secret_enc from webhook_endpoints where id = ${id}`));
    expect(row!.secret_enc).not.toContain(secret.slice('whsec_'.length));
  });

  it('refuses a read key, a bad URL and an unknown event, naming the field, and stores nothing', async () => {
    const before = rowsOf<{ n: number }>(
      await arranged.db.execute(sql`select count(*)::int as n from webhook_endpoints where agency_id = ${agency.agencyId}`),
    )[0]!.n;
    expect((await v1Client(readKey).POST('/webhooks', { body: { url: receiver, events: ['sync.failed'] } })).response.status).toBe(403);
    const badUrl = await v1Client(writeKey).POST('/webhooks', { body: { url: 'ftp://hooks.example.com/x', events: ['sync.failed'] } });
    expect(badUrl.response.status).toBe(400);
    expect((badUrl.error as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual(['url']);
    const badEvent = await v1Client(writeKey).POST('/webhooks', {
      body: { url: receiver, events: ['sync.exploded' as 'sync.failed'] },
    });
    expect(badEvent.response.status).toBe(400);
    expect((badEvent.error as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual(['events.0']);
    const after = rowsOf<{ n: number }>(
      await arranged.db.execute(sql`select count(*)::int as n from webhook_endpoints where agency_id = ${agency.agencyId}`),
    )[0]!.n;
    expect(after).toBe(before);
  });

  it("never shows or removes another agency's endpoint", async () => {
    const mine = (await v1Client(writeKey).POST('/webhooks', { body: { url: receiver, events: ['sync.completed'] } })).data!;
    expect((await v1Client(otherKey).GET('/webhooks')).data!.data.map((w) => w.id)).not.toContain(mine.id);
    const refused = await v1Client(otherKey).DELETE('/webhooks/{webhookId}', { params: { path: { webhookId: mine.id } } });
    expect(refused.response.status).toBe(404);
    expect((await v1Client(readKey).GET('/webhooks')).data!.data.map((w) => w.id)).toContain(mine.id);
    const removed = await v1Client(writeKey).DELETE('/webhooks/{webhookId}', { params: { path: { webhookId: mine.id } } });
    expect(removed.response.status).toBe(204);
    expect((await v1Client(readKey).GET('/webhooks')).data!.data.map((w) => w.id)).not.toContain(mine.id);
  });
});
