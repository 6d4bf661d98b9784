import { describe, expect, it } from 'vitest';
import { pushSubscriptions } from '../../db/schema';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import type { AthleteDetail } from './support.schema';

type Detail = Body<typeof AthleteDetail>;

describe('athlete detail: push devices', () => {
  it('shows each device’s last success and last error, never its endpoint or keys', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const endpoint = `https://push.example.com/send/${crypto.randomUUID()}`;
    await h.db.insert(pushSubscriptions).values([
      {
        userId: athlete.user.id,
        installId: crypto.randomUUID(),
        endpoint,
        p256dh: `B${'x'.repeat(86)}`,
        auth: 'secret-auth-value-1234',
        label: 'Chrome on Android',
        lastSuccessAt: new Date('2026-11-25T08:00:00Z'),
        lastErrorAt: new Date('2026-11-26T08:00:00Z'),
        lastErrorCode: '429',
      },
    ]);
    const owner = await h.userWithRole('owner');
    const res = await h.json<Detail>(`/api/v1/admin/users/${athlete.user.id}`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.body.pushDevices).toEqual([
      expect.objectContaining({
        label: 'Chrome on Android',
        lastSuccessAt: '2026-11-25T08:00:00.000Z',
        lastErrorAt: '2026-11-26T08:00:00.000Z',
        lastErrorCode: '429',
        retiredAt: null,
      }),
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(endpoint);
    expect(text).not.toContain('secret-auth-value');
  });
});
