// The email API down while an athlete changes their address: a clear 503 with Retry-After (never a 500), and asking
// again once it answers sends one working link.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../env';
import { Harness, PASSWORD, expectErrorShape, uniqueEmail } from '../../testing/harness';
import { emailsTo, waitForEmail } from '../../testing/outbox';

const CHANGE = '/api/v1/me/email-change';

describe('email change while the email API fails', () => {
  it('answers 503 with Retry-After; the next request sends the link once', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const newEmail = uniqueEmail('outage');
    // The sandbox's scripted failure for this address only (other files share the sandbox).
    await fetch(`${parseEnv(env).EMAIL_API_URL.replace(/\/?$/, '/')}_control/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: newEmail, count: 1, status: 503 }),
    });
    const down = await h.call(CHANGE, { cookie: me.cookie, body: { newEmail, password: PASSWORD } });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('60');
    expectErrorShape(await down.json(), 'UNAVAILABLE');

    const again = await h.call(CHANGE, { cookie: me.cookie, body: { newEmail, password: PASSWORD } });
    expect(again.status).toBe(202);
    await waitForEmail(newEmail);
    expect(await emailsTo(newEmail)).toHaveLength(1);
  });
});
