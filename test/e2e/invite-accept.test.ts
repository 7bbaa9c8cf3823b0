import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_OWNER_LOGIN } from '../../dev/seed/demo-data';
import { openBrowser, PHONE } from './browser';
import { signIn } from './pages';

const appUrl = inject('appUrl');
const fakesUrl = inject('fakesUrl');
const owner = inject('demoLogins').find((l) => l.email === DEMO_OWNER_LOGIN.email);

interface SentMail {
  body: { from: { name?: string }; content: Array<{ type: string; value: string }> };
  summary: { to: string[] };
}

/** The newest mail the SendGrid fake received for `email`, waiting for it up to 15 s. */
async function mailTo(email: string): Promise<SentMail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { items } = (await (await fetch(`${fakesUrl}/_control/outbox/sendgrid`)).json()) as { items: SentMail[] };
    const mail = items.find((m) => m.summary.to.includes(email));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${email}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('accepting an invitation in a browser', () => {
  let inviter: Awaited<ReturnType<typeof openBrowser>>;
  let invitee: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    expect(owner, 'the demo seed has the agency owner login').toBeDefined();
    inviter = await openBrowser(PHONE, true);
    invitee = await openBrowser(PHONE, true);
  });

  afterAll(async () => {
    await inviter?.dispose();
    await invitee?.dispose();
  });

  it('on a phone, the invitee opens the emailed link, sets a name and password and lands on the tenant', async () => {
    const page = await inviter.newPage();
    await signIn(page, appUrl, owner!);
    const email = `invitee-${Date.now().toString(36)}@partner-a.example`;
    const invited = await page.request.post(`${appUrl}/api/tenants/partner-a/invitations`, { data: { email, role: 'viewer' } });
    const sendgridCalls = async () =>
      JSON.stringify((await (await fetch(`${fakesUrl}/_control/calls?service=sendgrid`)).json()) as unknown);
    expect(invited.status(), invited.status() === 201 ? '' : `${await invited.text()} ${await sendgridCalls()}`).toBe(201);

    const mail = await mailTo(email);
    const text = mail.body.content.find((c) => c.type === 'text/plain')!.value;
    const link = /(https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];
    expect(link, 'the mail carries the accept link').toBeDefined();
    expect(new URL(link!).origin).toBe(new URL(appUrl).origin);

    const accept = await invitee.newPage();
    await accept.goto(link!, { waitUntil: 'networkidle' });
    expect(await accept.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Join /);
    await expect.poll(() => accept.locator('.summary').textContent()).toContain(email);
    await accept.getByLabel('Your name').fill('Ines Invitee');
    await accept.getByLabel('Choose a password').fill('a long enough password');
    await Promise.all([
      accept.waitForURL((url) => url.pathname === '/t/partner-a', { timeout: 30_000 }),
      accept.getByRole('button', { name: 'Create account and accept' }).click(),
    ]);
    const me = await accept.request.get(`${appUrl}/api/me`);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);

    // The link worked once: opened again, it says so.
    await accept.goto(link!, { waitUntil: 'networkidle' });
    expect(await accept.getByRole('status').first().textContent()).toContain('has already been used');
  });
});
