import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTestAgency, v1Raw } from './api-v1-support';
import { closeWhenIdle, superDb } from './support';

const arranged = superDb();
let writeKey: string;

beforeAll(async () => {
  writeKey = (await createKey(await createTestAgency(arranged.db), 'write')).key;
});
afterAll(() => closeWhenIdle(arranged));

/** Printable ASCII: what an HTTP header value can carry on the wire. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 120 });
const nasty = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', '%00', '../', '😀'.repeat(40), '9'.repeat(400), '-1', 'NaN'),
);

/** Every answer is a 2xx or a 4xx problem; a validation failure names each field. */
async function expectNo5xx(res: Response): Promise<void> {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    const body = (await res.json()) as { code: string; issues?: Array<{ field: string }> };
    expect(body.code).toEqual(expect.any(String));
    if (body.code === 'validation_failed') {
      expect(body.issues!.length).toBeGreaterThan(0);
      for (const issue of body.issues!) expect(issue.field.length).toBeGreaterThan(0);
    }
  } else {
    await res.arrayBuffer();
  }
}

describe('/api/v1 under malformed input', () => {
  it('answers any JSON body to POST /tenants with a 2xx or a 4xx naming the fields, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              name: nasty,
              slug: nasty,
              reportingCurrency: nasty,
              timeZone: nasty,
              branding: fc.dictionary(nasty, nasty),
              customDomain: nasty,
            },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          await expectNo5xx(
            await v1Raw('/tenants', writeKey, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            }),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers any query string to GET /tenants and any path segment under /tenants without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('limit', 'cursor', 'q', 'status', 'x'), nasty), nasty, async (query, segment) => {
        const search = new URLSearchParams(query).toString();
        await expectNo5xx(await v1Raw(`/tenants?${search}`, writeKey));
        await expectNo5xx(await v1Raw(`/tenants/${encodeURIComponent(segment)}`, writeKey));
        await expectNo5xx(
          await v1Raw(`/tenants/${encodeURIComponent(segment)}`, writeKey, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: segment }),
          }),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('answers any Authorization header with 401, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          headerText,
          headerText.map((s) => `Bearer ${s}`),
          headerText.map((s) => `Bearer tmk_test_${s}`),
        ),
        async (header) => {
          const res = await v1Raw('/tenants', null, { headers: { authorization: header } });
          expect(res.status).toBe(401);
          await res.arrayBuffer();
        },
      ),
      { numRuns: 60 },
    );
  });
});
