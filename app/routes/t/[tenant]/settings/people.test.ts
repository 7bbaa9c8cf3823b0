import { describe, expect, it } from 'vitest';
import { invitableRoles, memberControls } from './people';

const member = (role: 'admin' | 'editor' | 'viewer', userId = 'u-other') => ({ userId, role });

describe('memberControls', () => {
  it('lets an admin give an editor any other tenant role, or remove them', () => {
    expect(memberControls('admin', member('editor'), 'u-me')).toEqual({ roles: ['admin', 'viewer'], removable: true });
  });

  it('lets the agency’s owner manage the tenant’s admins', () => {
    expect(memberControls('owner', member('admin'), 'u-me')).toEqual({ roles: ['editor', 'viewer'], removable: true });
  });

  it('offers nothing to editors and viewers, and nobody their own membership', () => {
    expect(memberControls('editor', member('viewer'), 'u-me')).toEqual({ roles: [], removable: false });
    expect(memberControls('viewer', member('viewer'), 'u-me')).toEqual({ roles: [], removable: false });
    expect(memberControls('admin', member('admin', 'u-me'), 'u-me')).toEqual({ roles: [], removable: false });
  });
});

describe('invitableRoles', () => {
  it('is every tenant role for admins and owners, none for editors and viewers', () => {
    expect(invitableRoles('owner')).toEqual(['admin', 'editor', 'viewer']);
    expect(invitableRoles('admin')).toEqual(['admin', 'editor', 'viewer']);
    expect(invitableRoles('editor')).toEqual([]);
    expect(invitableRoles('viewer')).toEqual([]);
  });
});
