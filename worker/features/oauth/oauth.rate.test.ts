// An assistant's minute window (issue 59, ADR 107): per athlete and assistant, exact under a burst (the limit lowered
// and the clock held at one instant, as the key's test does), 429 with Retry-After and RateLimit-* over HTTP, and a
// second assistant of the same athlete counted apart.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { KeyRate } from '../../context';
import { oauthRateWindows } from '../../db/schema';
import type { AppError } from '../../lib/errors';
import { createLogger } from '../../lib/logger';
import { DEFAULT_RATE_PER_MINUTE, windowOf } from '../../lib/rate-window';
import { Harness } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import { createServices } from '../../wiring';
import { createOAuthService } from './oauth.service';
import { connectWith, consent, TestAssistant, transportFor } from './oauth.testing';

/** An assistant the athlete connected (registered, consented, code exchanged): its client id and access token. */
async function connected(cookie: string) {
  const assistant = new TestAssistant();
  await expect(connectWith(assistant)).rejects.toThrow();
  if (!assistant.authorizationUrl) throw new Error('the client was not sent to sign in');
  const ok = await consent(assistant.authorizationUrl, cookie, 'allow');
  await transportFor(assistant).finishAuth(new URL(ok.location ?? '').searchParams);
  const token = assistant.saved?.access_token;
  if (!token || !assistant.info?.client_id) throw new Error('no token');
  return { clientId: assistant.info.client_id, token };
}

describe('OAuth: the per-assistant window', () => {
  it('lets exactly the limit through a burst, then 429 with Retry-After and RateLimit headers; a second assistant has its own', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await giveTier(h, me.user.id, 'pro');
    const first = await connected(me.cookie);
    const second = await connected(me.cookie);
    expect(second.clientId).not.toBe(first.clientId);

    // The burst on a clock held at one instant (after the tier began): all of it in one window, whatever the time.
    const limit = 5;
    const held = new Date();
    const clock = { now: () => held };
    const s = createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {}, clock });
    const oauth = createOAuthService({ env: h.env, lookupDb: h.db, audit: s.audit, membership: s.membership, clock, ratePerMinute: limit });
    const rates: KeyRate[] = [];
    const answers = await Promise.allSettled(
      Array.from({ length: limit + 6 }, () => oauth.authenticate(first.token, (r) => rates.push(r))),
    );
    const refused = answers.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppError] : []));
    expect(answers.filter((r) => r.status === 'fulfilled')).toHaveLength(limit);
    expect(refused.map((e) => e.status)).toEqual(Array(6).fill(429));
    expect(refused[0]!.details?.retryAfterSeconds).toBe(windowOf(held).resetSeconds);
    expect(rates.map((r) => r.remaining).sort((a, b) => a - b)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    expect(rates.every((r) => r.limit === limit && r.resetAt.getTime() === windowOf(held).resetAt.getTime())).toBe(true);
    const window = (clientId: string) =>
      h.db
        .select({ start: oauthRateWindows.windowStart, count: oauthRateWindows.windowCount })
        .from(oauthRateWindows)
        .where(and(eq(oauthRateWindows.userId, me.user.id), eq(oauthRateWindows.clientId, clientId)));
    expect((await window(first.clientId))[0]?.count).toBe(limit);
    // The same athlete's other assistant: its own window, untouched by the first's.
    let secondRate: KeyRate | undefined;
    const auth = await oauth.authenticate(second.token, (r) => {
      secondRate = r;
    });
    expect(auth.viewer.user.id).toBe(me.user.id);
    expect(secondRate?.remaining).toBe(limit - 1);

    // Over HTTP at the real limit: the first's window filled for this minute, the next call is 429 (a minute's turn
    // can let one through; asked until refused), and the answer carries Retry-After and RateLimit-*.
    const call = (token: string) =>
      h.call('/mcp', {
        method: 'POST',
        body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
        headers: { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream' },
      });
    let full: Response | undefined;
    for (let i = 0; i < 3 && !full; i++) {
      const w = windowOf(new Date());
      await h.db
        .update(oauthRateWindows)
        .set({ windowStart: w.start, windowCount: DEFAULT_RATE_PER_MINUTE })
        .where(and(eq(oauthRateWindows.userId, me.user.id), eq(oauthRateWindows.clientId, first.clientId)));
      const r = await call(first.token);
      if (r.status === 429) full = r;
    }
    expect(full, 'a 429 within three requests').toBeDefined();
    expect(Number(full!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(full!.headers.get('ratelimit-limit')).toBe(String(DEFAULT_RATE_PER_MINUTE));
    expect(full!.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(full!.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const other = await call(second.token);
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-limit')).toBe(String(DEFAULT_RATE_PER_MINUTE));
    // One or two counted in its window (the held burst's minute may be this one).
    expect(Number(other.headers.get('ratelimit-remaining'))).toBeGreaterThanOrEqual(DEFAULT_RATE_PER_MINUTE - 2);
  });
});
