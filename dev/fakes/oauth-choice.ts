import type { OAuthDialogChoice } from './context';
import type { FakeMember, Platform, World } from './world/types';

export interface OAuthDialogControl extends OAuthDialogChoice {
  /** Picks who signs in (by member id, email or demo key) and whether the dialog approves at once. */
  choose(
    platform: Platform,
    choice: { memberId?: string; autoApprove?: boolean },
  ): { ok: true; member: FakeMember } | { ok: false; message: string };
  describe(): Record<Platform, { memberId: string; memberKey?: string; email: string; autoApprove: boolean }>;
}

/** OAuth dialog choices per platform: the demo member with auto-approve until told otherwise. */
export function createOAuthDialogControl(world: World): OAuthDialogControl {
  const chosenMember = new Map<Platform, FakeMember>();
  const autoApprove = new Map<Platform, boolean>();
  const defaultMember = (platform: Platform) => {
    const members = world.members(platform);
    const member = members.find((m) => m.key === 'demo') ?? members[0];
    if (!member) throw new Error(`the fake world has no ${platform} members`);
    return member;
  };
  const control: OAuthDialogControl = {
    member: (platform) => chosenMember.get(platform) ?? defaultMember(platform),
    autoApprove: (platform) => autoApprove.get(platform) ?? true,
    choose(platform, choice) {
      let member = control.member(platform);
      if (choice.memberId !== undefined) {
        const members = world.members(platform);
        const found = members.find((m) => m.id === choice.memberId || m.key === choice.memberId || m.email === choice.memberId);
        if (!found)
          return {
            ok: false,
            message: `unknown ${platform} member '${choice.memberId}'; known: ${members.map((m) => `${m.key} (${m.id})`).join(', ')}`,
          };
        member = found;
        chosenMember.set(platform, found);
      }
      if (choice.autoApprove !== undefined) autoApprove.set(platform, choice.autoApprove);
      return { ok: true, member };
    },
    describe() {
      const entry = (platform: Platform) => {
        const m = control.member(platform);
        return { memberId: m.id, memberKey: m.key, email: m.email, autoApprove: control.autoApprove(platform) };
      };
      return { meta: entry('meta'), google_ads: entry('google_ads'), linkedin: entry('linkedin') };
    },
  };
  return control;
}
