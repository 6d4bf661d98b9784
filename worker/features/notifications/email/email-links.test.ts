import { describe, expect, it } from 'vitest';
import { createEmailLinks } from './email-links';

const ORIGIN = 'https://app.cadence.test';

describe('email links and headers', () => {
  const email = createEmailLinks({ appOrigin: `${ORIGIN}/`, secret: 'x'.repeat(32) });
  const ids = { userId: crypto.randomUUID(), deliveryId: crypto.randomUUID() };

  it('a category email gets signed page and one-click links and the RFC 8058 headers', async () => {
    const l = await email.links({ ...ids, category: 'load' });
    expect(l.unsubscribeUrl).toMatch(/^https:\/\/app\.cadence\.test\/unsubscribe\?t=[A-Za-z0-9_-]{88}$/);
    expect(l.oneClickUrl).toMatch(/^https:\/\/app\.cadence\.test\/api\/v1\/notifications\/unsubscribe\?t=[A-Za-z0-9_-]{88}$/);
    expect(l.preferencesUrl).toBe(`${ORIGIN}/settings/notifications`);
    expect(email.headers(l)).toEqual({ 'List-Unsubscribe': `<${l.oneClickUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('billing and security mail gets no unsubscribe link and no headers, only preferences', async () => {
    const l = await email.links({ ...ids, category: 'account' });
    expect(l).toMatchObject({ unsubscribeUrl: null, oneClickUrl: null, preferencesUrl: `${ORIGIN}/settings/notifications` });
    expect(email.headers(l)).toEqual({});
  });
});
