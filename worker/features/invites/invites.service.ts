import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import { createInvitesRepo, type InviteRow } from './invites.repo';
import type { CreateInviteInput, Invite } from './invites.schema';

// No 0/O or 1/I/L: codes get read aloud and typed from screenshots.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateInviteCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export const normalizeInviteCode = (code: string) => code.trim().toUpperCase();

function statusOf(row: InviteRow, now: Date): Invite['status'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt <= now) return 'expired';
  if (row.uses >= row.maxUses) return 'used_up';
  return 'active';
}

const INVALID = 'This invite code is not valid. It may have expired or been used up.';

/** Starts an invite code's Pro trial for the account it admitted (the membership feature, wired in worker/wiring/). */
export type InviteTrials = (tx: Executor, userId: string, days: number, inviteId: string) => Promise<void>;

export function createInvitesService(deps: { db: Executor; audit: AuditService; clock: Clock; trials?: InviteTrials }) {
  const repo = createInvitesRepo(deps.db);

  return {
    /**
     * The invite gate, for every account-creation boundary (register today, OAuth signups later).
     * Inside the caller's transaction: takes one use of the code, runs `createAccount`, records who
     * used it. Throws INVITE_INVALID before anything is created when the code is not usable.
     */
    async admitWithInvite<T extends { id: string; role: string }>(tx: Executor, code: string, createAccount: () => Promise<T>): Promise<T> {
      const txRepo = createInvitesRepo(tx);
      const invite = await txRepo.takeUse(normalizeInviteCode(code), deps.clock.now());
      if (!invite) throw new AppError(ErrorCode.INVITE_INVALID, INVALID, { fields: [{ path: 'inviteCode', message: INVALID }] });
      const account = await createAccount();
      await txRepo.insertRedemption(invite.id, account.id);
      if (invite.trialDays && deps.trials) await deps.trials(tx, account.id, invite.trialDays, invite.id);
      await deps.audit.record(
        {
          actor: { id: account.id, role: account.role },
          action: 'invite.redeemed',
          target: { type: 'invite', id: invite.id },
          payload: { userId: account.id, uses: invite.uses, maxUses: invite.maxUses },
        },
        tx,
      );
      return account;
    },

    /** Checks a code without using it (e.g. before sending someone to an OAuth consent page). */
    async assertUsable(code: string): Promise<void> {
      const invite = await repo.findUsableByCode(normalizeInviteCode(code), deps.clock.now());
      if (!invite) throw new AppError(ErrorCode.INVITE_INVALID, INVALID);
    },

    async create(actor: Actor, input: CreateInviteInput): Promise<Invite> {
      const now = deps.clock.now();
      const code = normalizeInviteCode(input.code ?? generateInviteCode());
      const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
      const row = await repo.insert({
        code,
        note: input.note ?? null,
        maxUses: input.maxUses,
        expiresAt,
        createdBy: actor.id,
        trialDays: input.trialDays ?? null,
      });
      if (!row) throw new AppError(ErrorCode.CONFLICT, 'An invite with this code already exists');
      await deps.audit.record({
        actor,
        action: 'invite.created',
        target: { type: 'invite', id: row.id },
        payload: { maxUses: row.maxUses, expiresAt: row.expiresAt?.toISOString() ?? null, trialDays: row.trialDays },
      });
      return present(row, [], now);
    },

    async revoke(actor: Actor, id: string): Promise<Invite> {
      const now = deps.clock.now();
      const row = (await repo.revoke(id, now)) ?? (await repo.findById(id));
      if (!row) throw notFound('Invite');
      await deps.audit.record({ actor, action: 'invite.revoked', target: { type: 'invite', id } });
      const redemptions = await repo.listRedemptions([id]);
      return present(row, redemptions, now);
    },

    async list(limit = 200): Promise<Invite[]> {
      const now = deps.clock.now();
      const rows = await repo.list(limit);
      const redemptions = await repo.listRedemptions(rows.map((r) => r.id));
      return rows.map((r) =>
        present(
          r,
          redemptions.filter((x) => x.inviteId === r.id),
          now,
        ),
      );
    },
  };
}

function present(row: InviteRow, redemptions: { userId: string; redeemedAt: Date }[], now: Date): Invite {
  return {
    id: row.id,
    code: row.code,
    note: row.note,
    maxUses: row.maxUses,
    uses: row.uses,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: statusOf(row, now),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    trialDays: row.trialDays,
    redemptions: redemptions.map((r) => ({ userId: r.userId, redeemedAt: r.redeemedAt.toISOString() })),
  };
}

export type InvitesService = ReturnType<typeof createInvitesService>;
