import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldIssues } from './app';

describe('validation issues of /api/v1', () => {
  it('names each invalid or unknown field by its path, never with a blank name', () => {
    const schema = z.object({ name: z.string(), branding: z.object({ logoUrl: z.string() }).strict() }).strict();
    const parsed = schema.safeParse({ name: 1, branding: { logoUrl: 2, '': 3 }, '': [], extra: true });
    expect(parsed.success).toBe(false);
    const fields = fieldIssues(parsed.error!)
      .map((i) => i.field)
      .sort();
    expect(fields).toEqual(['""', 'branding.""', 'branding.logoUrl', 'extra', 'name']);
  });

  it('names a failure of the whole body (body)', () => {
    const parsed = z.object({ a: z.string() }).safeParse(null);
    expect(fieldIssues(parsed.error!)).toEqual([{ field: '(body)', message: expect.any(String) }]);
  });
});
