// What a coach does to a client's sessions by hand ("Use 1 session", undo). Each call goes through the
// client's ClientLedger object, the one writer of session counts; this side checks the client belongs
// to the coach's org, then audits and announces what took effect (never a replay).

import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { todayIn } from '../../../lib/dates';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { AuditService } from '../../audit';
import type { CoachEvents } from '../coach-events';
import { createCoachRepo } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import type { ClientLedger } from './client-ledger.do';
import type { LedgerResult } from './ledger.service';

/** Maps the ledger's answer to the API's: a clear 409 when nothing is left, 404 for an unknown use. */
function settle(r: LedgerResult) {
  if (r.ok) return { ledgerId: r.ledgerId, packageId: r.packageId, remaining: r.remaining, replayed: r.replayed };
  if (r.reason === 'no_sessions')
    throw new AppError(ErrorCode.NO_SESSIONS_LEFT, 'No sessions left: this client has no active package with a session remaining.');
  if (r.reason === 'not_found') throw notFound('Session use');
  throw new AppError(ErrorCode.CONFLICT, 'That package is already full: there is nothing to give back.');
}

export function createClientLedgerService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  ledger: DurableObjectNamespace<ClientLedger>;
  events: CoachEvents;
}) {
  const today = (m: Member) => todayIn(m.org.timeZone, deps.clock.now());
  const ledgerFor = (clientId: string) => deps.ledger.get(deps.ledger.idFromName(clientId));

  async function clientOf(m: Member, clientId: string) {
    const c = await createCoachRepo(deps.db).getClient(m.org.id, clientId);
    if (!c) throw notFound('Client');
    return c;
  }

  return {
    /** "Use 1 session": one deduction per idempotency key, serialised per client by its ClientLedger. */
    async useSession(m: Member, clientId: string, idempotencyKey: string) {
      await clientOf(m, clientId);
      const result = settle(
        await ledgerFor(clientId).use({
          orgId: m.org.id,
          clientId,
          cause: `manual:${clientId}:${idempotencyKey}`,
          bookingId: null,
          actorId: m.actor.id,
          today: today(m),
        }),
      );
      if (!result.replayed) {
        await deps.audit.record({
          actor: m.actor,
          action: 'session.used',
          target: { type: 'client', id: clientId },
          payload: { ledgerId: result.ledgerId },
        });
        await deps.events.emit({
          type: 'session.used',
          orgId: m.org.id,
          clientId,
          packageId: result.packageId,
          remaining: result.remaining,
        });
      }
      return result;
    },

    /** Undoes one use (by its ledger id), at most once. */
    async releaseSession(m: Member, clientId: string, ledgerId: string) {
      await clientOf(m, clientId);
      const result = settle(
        await ledgerFor(clientId).release({ orgId: m.org.id, clientId, of: { id: ledgerId }, bookingId: null, actorId: m.actor.id }),
      );
      if (!result.replayed) {
        await deps.audit.record({
          actor: m.actor,
          action: 'session.released',
          target: { type: 'client', id: clientId },
          payload: { ledgerId: result.ledgerId, of: ledgerId },
        });
        await deps.events.emit({
          type: 'session.released',
          orgId: m.org.id,
          clientId,
          packageId: result.packageId,
          remaining: result.remaining,
        });
      }
      return result;
    },
  };
}

export type ClientLedgerService = ReturnType<typeof createClientLedgerService>;
