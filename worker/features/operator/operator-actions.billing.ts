// The membership actions: comps and trials granted or revoked, and a re-read of the athlete's billing from Stripe.
import { AppError, ErrorCode } from '../../lib/errors';
import { type Facts, type Handlers, day, iso, type OperatorActionsDeps } from './operator-actions.handler';

export type BillingAction = 'comp' | 'revoke-comp' | 'grant-trial' | 'revoke-trial' | 'resync-billing';

export function billingActions(deps: Pick<OperatorActionsDeps, 'clock' | 'membership' | 'billingSync'>): Handlers<BillingAction> {
  const tierOf = async (userId: string) => {
    const r = await deps.membership.resolve(userId);
    return { tier: r.tier, source: r.source, subscription: r.subscription?.status ?? null };
  };

  /** One active grant of the athlete by id and kind: 404 unknown, 409 already revoked or ended. */
  async function activeGrant(userId: string, grantId: string, kind: 'comp' | 'invite_trial', what: string) {
    const grant = (await deps.membership.grantsOf(userId)).find((g) => g.id === grantId && g.kind === kind);
    if (!grant) throw new AppError(ErrorCode.NOT_FOUND, `No such ${what} for this athlete.`);
    if (grant.revokedAt) throw new AppError(ErrorCode.CONFLICT, `This ${what} was already revoked.`);
    if (grant.endsAt <= deps.clock.now()) throw new AppError(ErrorCode.CONFLICT, `This ${what} already ended.`);
    return grant;
  }

  return {
    async comp({ actor, user, input }, audit) {
      const before = await tierOf(user.id);
      const grant = await deps.membership.operatorGrant(actor, user.id, { ...input, kind: 'comp' }, (tx, g) =>
        audit({ before, after: { grantId: g.id, tier: g.tier, endsAt: iso(g.endsAt) }, ids: { grantId: g.id } }, tx),
      );
      return {
        changed: true,
        message: `${input.tier === 'pro' ? 'Pro' : 'Elite'} comp granted until ${day(grant.endsAt)}.`,
        before,
        after: { grantId: grant.id, tier: grant.tier, endsAt: iso(grant.endsAt) },
      };
    },

    async 'revoke-comp'({ actor, user, input }, audit) {
      const grant = await activeGrant(user.id, input.grantId, 'comp', 'comp');
      const before = { grantId: grant.id, tier: grant.tier, endsAt: iso(grant.endsAt), revokedAt: null };
      const revoked = await deps.membership.operatorRevoke(actor, user.id, grant.id, 'comp', (tx, g) =>
        audit({ before, after: { grantId: g.id, revokedAt: iso(g.revokedAt) }, ids: { grantId: g.id } }, tx),
      );
      return { changed: true, message: 'Comp revoked.', before, after: { grantId: revoked.id, revokedAt: iso(revoked.revokedAt) } };
    },

    async 'grant-trial'({ actor, user, input }, audit) {
      const before = await tierOf(user.id);
      if (before.source === 'subscription' && before.tier !== 'free')
        throw new AppError(ErrorCode.CONFLICT, `This athlete already subscribes (${before.tier}); a trial would change nothing.`);
      const now = deps.clock.now();
      const current = (await deps.membership.grantsOf(user.id)).find((g) => g.kind === 'invite_trial' && !g.revokedAt && g.endsAt > now);
      if (current) throw new AppError(ErrorCode.CONFLICT, `This athlete is already in a trial until ${day(current.endsAt)}.`);
      const grant = await deps.membership.operatorGrant(actor, user.id, { ...input, kind: 'invite_trial', tier: 'pro' }, (tx, g) =>
        audit({ before, after: { grantId: g.id, tier: g.tier, endsAt: iso(g.endsAt) }, ids: { grantId: g.id } }, tx),
      );
      return {
        changed: true,
        message: `Pro trial granted until ${day(grant.endsAt)}; it ends to Free.`,
        before,
        after: { grantId: grant.id, tier: 'pro', endsAt: iso(grant.endsAt) },
      };
    },

    async 'revoke-trial'({ actor, user, input }, audit) {
      const grant = await activeGrant(user.id, input.grantId, 'invite_trial', 'trial');
      const before = { grantId: grant.id, tier: grant.tier, endsAt: iso(grant.endsAt), revokedAt: null };
      const revoked = await deps.membership.operatorRevoke(actor, user.id, grant.id, 'invite_trial', (tx, g) =>
        audit({ before, after: { grantId: g.id, revokedAt: iso(g.revokedAt) }, ids: { grantId: g.id } }, tx),
      );
      return { changed: true, message: 'Trial ended.', before, after: { grantId: revoked.id, revokedAt: iso(revoked.revokedAt) } };
    },

    async 'resync-billing'({ actor, user }, audit) {
      const before = await tierOf(user.id);
      let after: Facts = before;
      try {
        await deps.billingSync.resync(actor, 'user', user.id, async (customerId) => {
          after = await tierOf(user.id);
          await audit({ before, after, ids: { customerId } });
        });
      } catch (err) {
        // The athlete exists; what is missing is a Stripe customer, a state, not an unknown target.
        if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND)
          throw new AppError(ErrorCode.CONFLICT, 'This athlete has no Stripe customer yet: there is nothing to re-sync.');
        throw err;
      }
      return { changed: true, message: `Billing re-read from Stripe: ${String(after.tier)} (${String(after.source)}).`, before, after };
    },
  };
}
