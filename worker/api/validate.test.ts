import { describe, expect, it } from 'vitest';
import { idParamSchema, isTenantRef } from './validate';

describe('isTenantRef', () => {
  it.each([
    ['a tenant id', '0b7e4c1a-3f2d-4c5e-9a8b-1c2d3e4f5a6b'],
    ['a slug', 'partner-a'],
    ['a slug typed in capitals (lookups lower-case it)', 'Partner-A'],
    ['a slug of the longest length the database allows', `a${'b'.repeat(62)}`],
  ])('accepts %s', (_, value) => {
    expect(isTenantRef(value)).toBe(true);
  });

  it.each([
    ['a NUL byte', '\u0000'],
    ['a NUL inside a slug', 'partner\u0000a'],
    ['a slug one character too long', `a${'b'.repeat(63)}`],
    ['a 300-character slug', 'x'.repeat(300)],
    ['a slug that starts with a hyphen', '-partner'],
    ['a space', 'partner a'],
    ['a path traversal', '../..'],
    ['non-ASCII letters', 'partnér'],
    ['an empty value', ''],
    ['no value', undefined],
  ])('refuses %s', (_, value) => {
    expect(isTenantRef(value)).toBe(false);
  });
});

describe('idParamSchema', () => {
  it('accepts a UUID and refuses anything else', () => {
    expect(idParamSchema.safeParse('0B7E4C1A-3F2D-4C5E-9A8B-1C2D3E4F5A6B').success).toBe(true);
    expect(idParamSchema.safeParse('partner-a').success).toBe(false);
    expect(idParamSchema.safeParse('0b7e4c1a-3f2d-4c5e-9a8b-1c2d3e4f5a6b\u0000').success).toBe(false);
  });
});
