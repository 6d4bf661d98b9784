// The account card's form actions (web/app/utils/operator-accounts.server.ts) as the athlete page's
// action calls them: with the request's services and viewer, from the posted form values.
import type { AppLoadContext } from '@remix-run/cloudflare';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runAccountAction } from '../../../web/app/utils/operator-accounts.server';
import type { Viewer } from '../../context';
import { createLogger } from '../../lib/logger';
import { createServices } from '../../wiring';
import { Harness } from '../../testing/harness';
import { REASON, login, manager } from './operator-accounts.testing';

async function asOperator(h: Harness, cookie: string) {
  const services = createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {} });
  onTestFinished(() => services.close());
  const found = await services.sessions.authenticate(cookie.split('=')[1] ?? '', null);
  if (!found) throw new Error('no session');
  const viewer: Viewer = { user: found.user, sessionId: found.sessionId, impersonatorId: null };
  const context = { services } as unknown as AppLoadContext;
  return (values: Record<string, string>) => runAccountAction({ context }, viewer, values);
}

describe('runAccountAction', () => {
  it('ignores other intents, asks to confirm a block (keeping the reason), then blocks', async () => {
    const h = Harness.init();
    const op = await manager(h);
    const target = await h.signup();
    const run = await asOperator(h, op.cookie);
    expect(await run({ intent: 'revoke' })).toBeNull();

    const noReason = await run({ intent: 'block', userId: target.user.id, reason: ' ' });
    expect(noReason).toMatchObject({ intent: 'block', ok: false, status: 400, fieldErrors: { reason: 'Give a reason' } });
    const ask = await run({ intent: 'block', userId: target.user.id, reason: REASON });
    expect(ask).toMatchObject({ intent: 'block', ok: false, confirm: true, values: { reason: REASON } });
    expect((await h.userById(target.user.id))?.blockedAt).toBeNull();
    const done = await run({ intent: 'block', userId: target.user.id, reason: REASON, confirm: 'block' });
    expect(done).toMatchObject({ intent: 'block', ok: true, status: 200 });
    expect((await login(h, target.email, target.password)).status).toBe(403);
    const twice = await run({ intent: 'block', userId: target.user.id, reason: REASON, confirm: 'block' });
    expect(twice).toMatchObject({ ok: false, status: 409, formError: 'This account is blocked. Unblock it first.' });
    expect(await run({ intent: 'unblock', userId: target.user.id, reason: 'Appeal accepted' })).toMatchObject({ ok: true });
    expect((await login(h, target.email, target.password)).status).toBe(200);
  });

  it('shows the temporary password once, after confirming, and refuses an operator without users.manage', async () => {
    const h = Harness.init();
    const op = await manager(h);
    const target = await h.signup();
    const run = await asOperator(h, op.cookie);
    expect(await run({ intent: 'temporary-password', userId: target.user.id, reason: REASON })).toMatchObject({ confirm: true });
    const issued = await run({ intent: 'temporary-password', userId: target.user.id, reason: REASON, confirm: 'temporary-password' });
    expect(issued?.ok).toBe(true);
    expect((await login(h, target.email, issued?.temporaryPassword ?? '')).status).toBe(200);
    expect(await run({ intent: 'send-reset', userId: target.user.id, reason: REASON })).toMatchObject({ ok: true });

    const reader = await h.userWithRole('admin', ['users.read']);
    const refused = await (await asOperator(h, reader.cookie))({
      intent: 'block',
      userId: target.user.id,
      reason: REASON,
      confirm: 'block',
    });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect((await h.userById(target.user.id))?.blockedAt).toBeNull();
  });
});
