import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { ads } from '../schema';
import { takeExcluded } from './excluded';

describe('takeExcluded', () => {
  it('takes each named column from the proposed row, by its SQL name', () => {
    const set = takeExcluded(ads, ['name', 'adGroupExternalId', 'updatedAt']);
    const render = (key: keyof typeof set) => new PgDialect().sqlToQuery(set[key]).sql;
    expect(Object.keys(set)).toEqual(['name', 'adGroupExternalId', 'updatedAt']);
    expect(render('name')).toBe('excluded.name');
    expect(render('adGroupExternalId')).toBe('excluded.ad_group_external_id');
    expect(render('updatedAt')).toBe('excluded.updated_at');
  });
});
