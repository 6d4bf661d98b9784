// Time-bound tiers without Stripe: operators' comps (an athlete's Pro/Elite, an org's Team) and invite-code
// trials. One grant/revoke path for both owners; each change is audited in its own transaction.
import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import type { GrantOwner, GrantRow } from './membership.repo';
import { createMembershipRepo } from './membership.repo';

/** Longest comp an operator may grant in one go. */
export const MAX_COMP_DAYS = 366;

const DAY_MS = 86_400_000;
// Audit actions by owner (kept as they were: operators' reports read them).
const ACTIONS = {
  user: { granted: 'membership.comp_granted', revoked: 'membership.comp_revoked', missing: 'No such active grant for this user.' },
  org: {
    granted: 'membership.org_comp_granted',
    revoked: 'membership.org_comp_revoked',
    missing: 'No such active grant for this organisation.',
  },
} as const;

/** An operator action's own audit row, written in the grant's transaction instead of the default one. */
export type GrantRecorder = (tx: Executor, grant: GrantRow) => Promise<void>;

export function createGrants(deps: { db: Db; clock: Clock; audit: AuditService }) {
  return {
    /** A comp: `tier` for `days` from now (Pro/Elite for an athlete, Team for an org; the table's check agrees). */
    async comp(
      actor: Actor,
      owner: GrantOwner,
      input: { tier: 'pro' | 'elite' | 'team'; days: number; reason: string },
      opts: { kind?: 'comp' | 'invite_trial'; record?: GrantRecorder } = {},
    ): Promise<GrantRow> {
      if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_COMP_DAYS)
        throw new AppError(ErrorCode.VALIDATION, `A comp lasts 1 to ${MAX_COMP_DAYS} days.`, {
          fields: [{ path: 'days', message: 'Out of range' }],
        });
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const grant = await createMembershipRepo(tx).insertGrant({
          ...(owner.type === 'user' ? { userId: owner.id } : { orgId: owner.id }),
          kind: opts.kind ?? 'comp',
          tier: input.tier,
          startsAt: now,
          endsAt: new Date(now.getTime() + input.days * DAY_MS),
          reason: input.reason,
          grantedBy: actor.id,
        });
        const payload =
          owner.type === 'user'
            ? { grantId: grant.id, tier: input.tier, days: input.days, reason: input.reason }
            : { grantId: grant.id, days: input.days, reason: input.reason };
        if (opts.record) await opts.record(tx, grant);
        else await deps.audit.record({ actor, action: ACTIONS[owner.type].granted, target: owner, payload }, tx);
        return grant;
      });
    },

    /** Revokes once; with `kind`, a grant of another kind is not found (the revoke rolls back). */
    async revoke(
      actor: Actor,
      owner: GrantOwner,
      grantId: string,
      opts: { kind?: 'comp' | 'invite_trial'; record?: GrantRecorder } = {},
    ): Promise<GrantRow> {
      return deps.db.transaction(async (tx) => {
        const grant = await createMembershipRepo(tx).revokeGrant(owner, grantId, actor.id, deps.clock.now());
        if (!grant || (opts.kind && grant.kind !== opts.kind)) throw new AppError(ErrorCode.NOT_FOUND, ACTIONS[owner.type].missing);
        if (opts.record) await opts.record(tx, grant);
        else await deps.audit.record({ actor, action: ACTIONS[owner.type].revoked, target: owner, payload: { grantId } }, tx);
        return grant;
      });
    },

    /** An invite code's trial: days of Pro from sign-up (no card, ends to Free), in the sign-up's transaction. */
    async inviteTrial(tx: Executor, userId: string, days: number, inviteId: string): Promise<void> {
      const now = deps.clock.now();
      const grant = await createMembershipRepo(tx).insertGrant({
        userId,
        kind: 'invite_trial',
        tier: 'pro',
        startsAt: now,
        endsAt: new Date(now.getTime() + days * DAY_MS),
        reason: `invite:${inviteId}`,
      });
      await deps.audit.record(
        {
          actor: null,
          action: 'membership.invite_trial',
          target: { type: 'user', id: userId },
          payload: { grantId: grant.id, days, inviteId },
        },
        tx,
      );
    },
  };
}
