import { describe, expect, it } from 'vitest';
import type { MembershipRole } from '../../db/schema/enum-values';
import { canManagePeople, decideInvitation, decideMemberChange, type MemberChange } from './roles';

describe('who manages people', () => {
  it('lets owners and admins manage people, and neither editors nor viewers', () => {
    expect((['owner', 'admin', 'editor', 'viewer'] as const).map(canManagePeople)).toEqual([true, true, false, false]);
  });
});

describe('invitations', () => {
  it.each([
    ['owner', 'agency', 'owner', true],
    ['owner', 'agency', 'admin', true],
    ['admin', 'agency', 'admin', true],
    ['admin', 'tenant', 'admin', true],
    ['admin', 'tenant', 'viewer', true],
    ['owner', 'tenant', 'editor', true],
  ] as const)('lets a %s invite to the %s as %s', (actor, scope, role, ok) => {
    expect(decideInvitation(actor, scope, role).ok).toBe(ok);
  });

  it('refuses an agency admin who invites an owner: nobody grants more than they hold', () => {
    expect(decideInvitation('admin', 'agency', 'owner')).toEqual({ ok: false, reason: 'above_own_role' });
  });

  it('refuses roles a scope does not hand out: no tenant owners, no agency editors or viewers', () => {
    expect(decideInvitation('owner', 'tenant', 'owner')).toEqual({ ok: false, reason: 'role_not_assignable' });
    expect(decideInvitation('owner', 'agency', 'editor')).toEqual({ ok: false, reason: 'role_not_assignable' });
    expect(decideInvitation('owner', 'agency', 'viewer')).toEqual({ ok: false, reason: 'role_not_assignable' });
  });

  it.each(['editor', 'viewer'] as const)('refuses a %s any invitation', (actor) => {
    for (const role of ['admin', 'editor', 'viewer'] as MembershipRole[]) {
      expect(decideInvitation(actor, 'tenant', role)).toEqual({ ok: false, reason: 'forbidden' });
    }
  });
});

describe('member changes', () => {
  const change = (overrides: Partial<MemberChange>): MemberChange => ({
    actorRole: 'admin',
    scope: 'tenant',
    targetRole: 'viewer',
    change: { kind: 'role', role: 'editor' },
    ownerCount: 2,
    ...overrides,
  });

  it('lets a tenant admin promote a viewer up to admin and remove them', () => {
    expect(decideMemberChange(change({ change: { kind: 'role', role: 'admin' } })).ok).toBe(true);
    expect(decideMemberChange(change({ change: { kind: 'remove' } })).ok).toBe(true);
  });

  it('refuses editors and viewers any change', () => {
    expect(decideMemberChange(change({ actorRole: 'editor' }))).toEqual({ ok: false, reason: 'forbidden' });
    expect(decideMemberChange(change({ actorRole: 'viewer', change: { kind: 'remove' } }))).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('refuses an admin who touches an owner or makes someone an owner', () => {
    expect(decideMemberChange(change({ scope: 'agency', targetRole: 'owner', change: { kind: 'remove' } }))).toEqual({
      ok: false,
      reason: 'above_own_role',
    });
    expect(decideMemberChange(change({ scope: 'agency', targetRole: 'admin', change: { kind: 'role', role: 'owner' } }))).toEqual({
      ok: false,
      reason: 'above_own_role',
    });
  });

  it('keeps the last agency owner: neither demoted nor removed, even by themselves', () => {
    const lastOwner = { actorRole: 'owner', scope: 'agency', targetRole: 'owner', ownerCount: 1 } as const;
    expect(decideMemberChange(change({ ...lastOwner, change: { kind: 'role', role: 'admin' } }))).toEqual({
      ok: false,
      reason: 'last_owner',
    });
    expect(decideMemberChange(change({ ...lastOwner, change: { kind: 'remove' } }))).toEqual({ ok: false, reason: 'last_owner' });
    expect(decideMemberChange(change({ ...lastOwner, ownerCount: 2, change: { kind: 'remove' } })).ok).toBe(true);
  });

  it('refuses a tenant role that is not a tenant role', () => {
    expect(decideMemberChange(change({ actorRole: 'owner', change: { kind: 'role', role: 'owner' } }))).toEqual({
      ok: false,
      reason: 'role_not_assignable',
    });
  });
});
