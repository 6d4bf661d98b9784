import { describe, expect, it, vi } from 'vitest';
import { Harness, uniqueEmail } from '../testing/harness';
import { resetTokenFrom, waitForEmail } from '../testing/outbox';

describe('structured logs', () => {
  it('carry ids, never the email, password or tokens of a signup/login/reset flow', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    }
    const h = Harness.init();
    const email = uniqueEmail('private');
    const password = 'my very private passphrase';
    const newPassword = 'another secret passphrase';
    const inviteCode = await h.createInvite();

    const reg = await h.call('/api/v1/auth/register', { body: { email, password, inviteCode, displayName: 'Private Person' } });
    const userId = ((await reg.json()) as { user: { id: string } }).user.id;
    const sessionToken = reg.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
    await h.call('/api/v1/auth/login', { body: { email, password: 'wrong password here' } });
    await h.call('/api/v1/auth/login', { body: { email, password } });
    await h.call('/api/v1/auth/password/forgot', { body: { email } });
    const resetToken = resetTokenFrom(await waitForEmail(email));
    await h.call('/api/v1/auth/password/reset', { body: { token: resetToken, password: newPassword } });
    const cookie = (await h.call('/api/v1/auth/login', { body: { email, password: newPassword } })).headers
      .getSetCookie()[0]!
      .split(';')[0]!;
    await h.call('/api/v1/me', { cookie });

    const all = lines.join('\n');
    for (const secret of [email, email.split('@')[0]!, password, newPassword, resetToken, sessionToken, inviteCode]) {
      expect(all).not.toContain(secret);
    }
    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const r of requests) {
      expect(r).toMatchObject({
        requestId: expect.any(String),
        route: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
    }
    expect(requests.some((r) => r.userId === userId)).toBe(true);
  });
});
