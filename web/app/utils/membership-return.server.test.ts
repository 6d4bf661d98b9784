// Back from Stripe's checkout: what the Membership page says, read from the address and (on success) from
// Stripe through billing sync. A service stands in for billing sync; the rule is the page's.
import type { AppLoadContext } from '@remix-run/cloudflare';
import { describe, expect, it, vi } from 'vitest';
import type { Viewer } from '../../../worker/context';
import { AppError } from '../../../worker/lib/errors';
import { checkoutReturn } from './membership.server';

const viewer = {
  user: { id: 'u1', role: 'athlete', displayName: 'Ada', email: 'ada@example.test', timeZone: 'UTC' },
  sessionId: 's1',
  impersonatorId: null,
} as unknown as Viewer;

function contextWith(syncAfterCheckout: (payer: unknown, sessionId: string) => Promise<unknown>) {
  const sync = vi.fn(syncAfterCheckout);
  return { context: { services: { billingSync: { syncAfterCheckout: sync } } } as unknown as AppLoadContext, sync };
}

const back = (query: string) => new URL(`http://cadence.test/settings/membership${query}`);

describe('back from checkout', () => {
  it('a started trial or a cancelled checkout only says so; no outcome says nothing', async () => {
    const { context, sync } = contextWith(async () => undefined);
    expect(await checkoutReturn(context, viewer, back('?trial=started&checkout=success'))).toEqual({ kind: 'trial' });
    expect(await checkoutReturn(context, viewer, back('?checkout=canceled'))).toEqual({ kind: 'canceled' });
    expect(await checkoutReturn(context, viewer, back(''))).toBeNull();
    expect(await checkoutReturn(context, viewer, back('?checkout=maybe'))).toBeNull();
    expect(sync).not.toHaveBeenCalled();
  });

  it('success reads that checkout from Stripe now, for the athlete as payer', async () => {
    const { context, sync } = contextWith(async () => undefined);
    expect(await checkoutReturn(context, viewer, back('?checkout=success&session_id=cs_test_abc123'))).toEqual({ kind: 'success' });
    expect(sync).toHaveBeenCalledWith(
      { type: 'user', id: 'u1', name: 'Ada', email: 'ada@example.test', impersonatorId: null },
      'cs_test_abc123',
    );
  });

  it('a session id that is not one is pending, without asking Stripe', async () => {
    const { context, sync } = contextWith(async () => undefined);
    for (const q of ['?checkout=success', '?checkout=success&session_id=sub_123', '?checkout=success&session_id=cs_%27%3B'])
      expect(await checkoutReturn(context, viewer, back(q))).toEqual({ kind: 'pending' });
    expect(sync).not.toHaveBeenCalled();
  });

  it('another account’s checkout, or Stripe refusing, is pending (the webhook still updates the page); a bug propagates', async () => {
    const notOurs = contextWith(async () => {
      throw new AppError('NOT_FOUND', 'No such checkout');
    });
    expect(await checkoutReturn(notOurs.context, viewer, back('?checkout=success&session_id=cs_1'))).toEqual({ kind: 'pending' });
    const slow = contextWith(async () => {
      throw new AppError('UNAVAILABLE', 'Stripe did not answer in time');
    });
    expect(await checkoutReturn(slow.context, viewer, back('?checkout=success&session_id=cs_1'))).toEqual({
      kind: 'pending',
      message: 'Stripe did not answer in time',
    });
    const bug = new TypeError('boom');
    const broken = contextWith(async () => {
      throw bug;
    });
    await expect(checkoutReturn(broken.context, viewer, back('?checkout=success&session_id=cs_1'))).rejects.toBe(bug);
  });
});
