import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../../db/schema/enum-values';
import { can, canConnect, isAtLeast, type Permission, ROLE_RANK, strongerRole } from './roles';

describe('role permissions', () => {
  const table: Array<[MembershipRole, Record<Permission, boolean>]> = [
    ['owner', { view_dashboard: true, connect_platforms: true, manage_domains: true, manage_settings: true }],
    ['admin', { view_dashboard: true, connect_platforms: true, manage_domains: true, manage_settings: true }],
    ['editor', { view_dashboard: true, connect_platforms: true, manage_domains: false, manage_settings: false }],
    ['viewer', { view_dashboard: true, connect_platforms: false, manage_domains: false, manage_settings: false }],
  ];

  it.each(table)('gives a %s exactly the permissions of its row', (role, expected) => {
    for (const [permission, allowed] of Object.entries(expected)) {
      expect(can(role, permission as Permission), `${role} ${permission}`).toBe(allowed);
    }
  });

  it('lets owners, admins and editors connect but not viewers', () => {
    expect(MEMBERSHIP_ROLES.map(canConnect)).toEqual([true, true, true, false]);
  });

  it('covers every role of the schema enum in the table', () => {
    expect(table.map(([role]) => role)).toEqual([...MEMBERSHIP_ROLES]);
  });
});

describe('role ranks', () => {
  it('ranks owner above admin above editor above viewer', () => {
    expect(ROLE_RANK).toEqual({ owner: 4, admin: 3, editor: 2, viewer: 1 });
  });

  it.each([
    ['owner', 'viewer', true],
    ['editor', 'editor', true],
    ['viewer', 'editor', false],
    ['admin', 'owner', false],
  ] as const)('says whether %s is at least %s (%s)', (role, minimum, expected) => {
    expect(isAtLeast(role, minimum)).toBe(expected);
  });

  it('keeps the stronger of two roles whichever comes first', () => {
    expect(strongerRole('viewer', 'admin')).toBe('admin');
    expect(strongerRole('admin', 'viewer')).toBe('admin');
    expect(strongerRole('editor', 'editor')).toBe('editor');
  });
});
