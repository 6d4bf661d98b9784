// A real notification email and its unsubscribe link. The producer reachable from the browser on this
// branch is the coach's link request (coach.link_request, category "Coach and proposals", a normal event
// that email carries in the daily summary): the athlete chooses a daily summary at the next minute, a
// coach asks to see their training, the due sweep sends the summary to the sandbox outbox. Then, signed
// out and without JavaScript, the athlete opens the email's unsubscribe link, confirms, and the
// preferences API shows exactly that category's email off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  APP_URL,
  capture,
  createInvite,
  emailsDueNow,
  launchBrowser,
  SANDBOX_URL,
  screenshot,
  setRole,
  signUp,
  uniqueEmail,
} from './fixtures.ts';

const PASSWORD = 'a long e2e passphrase';

interface OutboxEmail {
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/** The local minute of the day in a zone, `ahead` minutes from now. */
function localMinute(timeZone: string, ahead: number): number {
  const at = new Date(Date.now() + ahead * 60_000);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return (get('hour') % 24) * 60 + get('minute');
}

/** Fires the every-minute cron (the due sweep) until the summary reaches the outbox; the e2e stack runs no ticker. */
async function sweepUntilEmail(to: string, timeoutMs = 30_000): Promise<OutboxEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const fired = await fetch(`${APP_URL}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('* * * * *')}`);
    await fired.body?.cancel();
    const { messages } = (await (await fetch(`${SANDBOX_URL}/email/outbox.json?to=${encodeURIComponent(to)}`)).json()) as {
      messages: OutboxEmail[];
    };
    if (messages[0]) return messages[0];
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no notification email to ${to} within ${timeoutMs} ms`);
}

describe('notification email unsubscribe', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('a coach’s request arrives in the daily summary; its unsubscribe link turns that category off, signed out and without JavaScript', async () => {
    const athlete = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const athleteEmail = uniqueEmail('unsub');
    await signUp(athlete, { email: athleteEmail, password: PASSWORD, displayName: 'Uma Unsub' }, await createInvite());
    const prefsUrl = `${APP_URL}/api/v1/notifications/preferences`;
    const { timeZone } = (await (await athlete.request.get(prefsUrl)).json()) as { timeZone: string };
    // The daily summary at the next whole minute (two if this one is nearly over), no quiet hours.
    const seconds = new Date().getUTCSeconds();
    const sendMinute = localMinute(timeZone, seconds < 40 ? 1 : 2);
    const saved = await athlete.request.put(prefsUrl, { data: { emailMode: 'daily', sendMinute, dnd: [] }, headers: { origin: APP_URL } });
    assert.equal(saved.status(), 200);

    // The coach asks to see the athlete's training: the athlete's account hears of it.
    const coach = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const coachEmail = uniqueEmail('unsubcoach');
    await signUp(coach, { email: coachEmail, password: PASSWORD, displayName: 'Cole Coach' }, await createInvite());
    await setRole(coachEmail, 'coach');
    const post = (path: string, data: unknown) =>
      coach.request.post(`${APP_URL}/api/v1/coach${path}`, { data, headers: { origin: APP_URL } });
    assert.equal((await post('/org', { name: 'Harbour <Running> & Co', timeZone: 'Europe/Berlin' })).status(), 201);
    const client = (await (await post('/clients', { name: 'Uma Client', email: athleteEmail })).json()) as { id: string };
    assert.equal((await post(`/clients/${client.id}/athlete-link`, { email: athleteEmail })).status(), 201);

    // The summary waits for its send time; once its row exists, it is made due now rather than waiting for the clock.
    for (const end = Date.now() + 30_000; (await emailsDueNow(athleteEmail)) === 0; ) {
      assert.ok(Date.now() < end, 'the daily summary was never scheduled');
      await new Promise((r) => setTimeout(r, 200));
    }
    const mail = await sweepUntilEmail(athleteEmail);
    assert.match(mail.subject, /^Your Cadence day, .+: 1 coach request$/);
    assert.match(mail.text, /Harbour <Running> & Co asked to see your training/);
    // In the HTML the org's name is text, escaped.
    assert.ok(mail.html?.includes('Harbour &lt;Running&gt; &amp; Co asked to see your training'));
    assert.match(
      mail.headers['List-Unsubscribe'] ?? '',
      /^<http:\/\/localhost:\d+\/api\/v1\/notifications\/unsubscribe\?t=[A-Za-z0-9_-]{88}>$/,
    );
    assert.equal(mail.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    const link = /Unsubscribe from Coach and proposals: (\S+)/.exec(mail.text)?.[1];
    assert.ok(link, 'the text part carries the unsubscribe link');

    // The sandbox outbox shows the headers and a preview of the HTML part.
    const outbox = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await outbox.goto(`${SANDBOX_URL}/email/outbox?to=${encodeURIComponent(athleteEmail)}`);
    await outbox.getByText('List-Unsubscribe-Post').waitFor();
    await outbox.frameLocator('iframe.preview').getByText('Unsubscribe from Coach and proposals').waitFor();
    await screenshot(outbox, 'notifications-email-outbox');

    // Signed out, no JavaScript, on a phone: the link asks first (opening it changes nothing).
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 900 } });
    const reader = await context.newPage();
    await reader.goto(link);
    await reader.getByRole('heading', { name: 'Stop “Coach and proposals” emails?' }).waitFor();
    await reader.getByText(`For the Cadence account ${athleteEmail[0]}•••@e•••.test`).waitFor();
    const before = (await (await athlete.request.get(prefsUrl)).json()) as { channels: Record<string, { email: boolean; inApp: boolean }> };
    assert.deepEqual(before.channels.coach, { inApp: true, email: true });
    await capture(reader, 'unsubscribe-confirm');

    await reader.getByRole('button', { name: 'Stop these emails' }).click();
    await reader.getByText('No more “Coach and proposals” emails.').waitFor();
    await capture(reader, 'unsubscribe-done');
    const after = (await (await athlete.request.get(prefsUrl)).json()) as typeof before;
    assert.deepEqual(after.channels.coach, { inApp: true, email: false });
    for (const c of ['plan', 'analysis', 'load', 'account']) assert.deepEqual(after.channels[c], { inApp: true, email: true }, c);

    // Undo, then unsubscribe again: the page is the whole loop.
    await reader.getByRole('button', { name: 'Undo: turn these emails back on' }).click();
    await reader.getByText('“Coach and proposals” emails are on again.').waitFor();
    await capture(reader, 'unsubscribe-undone');
    const undone = (await (await athlete.request.get(prefsUrl)).json()) as typeof before;
    assert.deepEqual(undone.channels.coach, { inApp: true, email: true });
    await reader.goto(link);
    await reader.getByRole('button', { name: 'Stop these emails' }).click();
    await reader.getByText('No more “Coach and proposals” emails.').waitFor();
    const final = (await (await athlete.request.get(prefsUrl)).json()) as typeof before;
    assert.deepEqual(final.channels.coach, { inApp: true, email: false });

    // A link cut short by a mail app: a friendly page, nothing changed.
    await reader.goto(link.slice(0, -10));
    await reader.getByRole('heading', { name: 'This unsubscribe link does not work' }).waitFor();
    await capture(reader, 'unsubscribe-invalid');
    await context.close();
  });
});
