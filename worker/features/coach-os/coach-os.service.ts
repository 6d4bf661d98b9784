import type { Db } from '../../db/client';
import { todayIn, addDays } from '../../lib/dates';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, hasChanges, notFound, nothingToUpdate } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import { createCoachRepo, type ClientPackageRow, type ClientRow, type OrgRow } from './coach-os.repo';
import type { ClientLedger } from './client-ledger.do';
import type { LedgerResult } from './ledger.service';
import type { CoachEvents } from './coach-events';
import { isUniqueViolation } from '../../db/pg-errors';

/** The signed-in coach and the org they work in: every coach-side call starts from this. */
export interface Member {
  actor: Actor;
  org: OrgRow;
  role: 'owner' | 'coach';
}

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : null);

export const presentOrg = (m: Member) => ({
  id: m.org.id,
  name: m.org.name,
  timeZone: m.org.timeZone,
  quietHours: m.org.quietStart && m.org.quietEnd ? { start: hhmm(m.org.quietStart)!, end: hhmm(m.org.quietEnd)! } : null,
  reminderOffsetsMinutes: m.org.reminderOffsets,
  role: m.role,
});

export const presentClient = (c: ClientRow) => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  email: c.email,
  notes: c.notes,
  smsConsent: c.smsConsent,
  athleteLinked: c.athleteUserId !== null,
  archived: c.archived,
});

function packageStatus(p: ClientPackageRow, today: string): 'active' | 'expired' | 'used_up' | 'cancelled' {
  if (p.status === 'cancelled') return 'cancelled';
  if (p.sessionsRemaining === 0) return 'used_up';
  if (p.expiresOn !== null && p.expiresOn < today) return 'expired';
  return 'active';
}

export function createCoachService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  ledger: DurableObjectNamespace<ClientLedger>;
  events: CoachEvents;
}) {
  const repo = () => createCoachRepo(deps.db);
  const today = (m: Member) => todayIn(m.org.timeZone, deps.clock.now());

  async function clientOf(m: Member, clientId: string): Promise<ClientRow> {
    const c = await repo().getClient(m.org.id, clientId);
    if (!c) throw notFound('Client');
    return c;
  }

  /** Maps the ledger's answer to the API's: a clear 409 when nothing is left, 404 for an unknown use. */
  function settle(r: LedgerResult) {
    if (r.ok) return { ledgerId: r.ledgerId, packageId: r.packageId, remaining: r.remaining, replayed: r.replayed };
    if (r.reason === 'no_sessions')
      throw new AppError(ErrorCode.NO_SESSIONS_LEFT, 'No sessions left: this client has no active package with a session remaining.');
    if (r.reason === 'not_found') throw notFound('Session use');
    throw new AppError(ErrorCode.CONFLICT, 'That package is already full: there is nothing to give back.');
  }

  const ledgerFor = (clientId: string) => deps.ledger.get(deps.ledger.idFromName(clientId));

  return {
    today,

    /** The org of a signed-in user, or undefined when they have none yet. */
    async membership(actor: Actor): Promise<Member | undefined> {
      const m = await repo().membershipOf(actor.id);
      return m ? { actor, org: m.org, role: m.role } : undefined;
    },

    async createOrg(actor: Actor, input: { name: string; timeZone: string }): Promise<Member> {
      return deps.db.transaction(async (tx) => {
        const r = createCoachRepo(tx);
        if (await r.membershipOf(actor.id)) throw new AppError(ErrorCode.CONFLICT, 'You already belong to an organisation.');
        const org = await r.createOrg({ ...input, userId: actor.id });
        await deps.audit.record({ actor, action: 'org.created', target: { type: 'org', id: org.id } }, tx);
        return { actor, org, role: 'owner' as const };
      });
    },

    async updateOrg(
      m: Member,
      input: {
        name?: string | undefined;
        timeZone?: string | undefined;
        quietHours?: { start: string; end: string } | null | undefined;
        reminderOffsetsMinutes?: number[] | undefined;
      },
    ): Promise<Member> {
      if (m.role !== 'owner') throw new AppError(ErrorCode.FORBIDDEN, 'Only the organisation’s owner can change its settings.');
      if (!hasChanges(input)) throw nothingToUpdate(['name', 'timeZone', 'quietHours', 'reminderOffsetsMinutes']);
      const patch: Parameters<ReturnType<typeof createCoachRepo>['updateOrg']>[1] = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.timeZone !== undefined) patch.timeZone = input.timeZone;
      if (input.quietHours !== undefined) {
        patch.quietStart = input.quietHours?.start ?? null;
        patch.quietEnd = input.quietHours?.end ?? null;
      }
      if (input.reminderOffsetsMinutes !== undefined)
        patch.reminderOffsets = [...new Set(input.reminderOffsetsMinutes)].sort((a, b) => b - a);
      const org = await repo().updateOrg(m.org.id, patch);
      await deps.audit.record({
        actor: m.actor,
        action: 'org.updated',
        target: { type: 'org', id: org.id },
        payload: { fields: Object.keys(input) },
      });
      return { ...m, org };
    },

    listClients: (m: Member) => repo().listClients(m.org.id),
    getClient: clientOf,

    async createClient(
      m: Member,
      input: {
        name: string;
        phone?: string | null | undefined;
        email?: string | null | undefined;
        notes?: string | undefined;
        smsConsent?: ClientRow['smsConsent'] | undefined;
      },
    ) {
      try {
        const c = await repo().createClient(m.org.id, {
          name: input.name,
          phone: input.phone ?? null,
          email: input.email ?? null,
          notes: input.notes ?? '',
          smsConsent: input.smsConsent ?? 'unknown',
        });
        await deps.audit.record({ actor: m.actor, action: 'client.created', target: { type: 'client', id: c.id } });
        return c;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError(ErrorCode.CONFLICT, 'Another client already has this phone number.', {
            fields: [{ path: 'phone', message: 'Already used by another client' }],
          });
        throw err;
      }
    },

    async updateClient(
      m: Member,
      id: string,
      patch: Partial<Pick<ClientRow, 'name' | 'phone' | 'email' | 'notes' | 'smsConsent' | 'archived'>>,
    ) {
      await clientOf(m, id);
      if (!hasChanges(patch)) throw nothingToUpdate(['name', 'phone', 'email', 'notes', 'smsConsent', 'archived']);
      let c: ClientRow | undefined;
      try {
        c = await repo().updateClient(m.org.id, id, patch);
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError(ErrorCode.CONFLICT, 'Another client already has this phone number.', {
            fields: [{ path: 'phone', message: 'Already used by another client' }],
          });
        throw err;
      }
      if (!c) throw notFound('Client');
      await deps.audit.record({
        actor: m.actor,
        action: 'client.updated',
        target: { type: 'client', id },
        payload: { fields: Object.keys(patch) },
      });
      return c;
    },

    listPackageTypes: (m: Member) => repo().listPackageTypes(m.org.id),

    async createPackageType(
      m: Member,
      input: {
        name: string;
        sessions: number;
        sessionMinutes: number;
        priceCents: number;
        currency: string;
        validityDays?: number | null | undefined;
      },
    ) {
      const t = await repo().createPackageType(m.org.id, { ...input, validityDays: input.validityDays ?? null });
      await deps.audit.record({ actor: m.actor, action: 'package_type.created', target: { type: 'package_type', id: t.id } });
      return t;
    },

    /** Gives a client a package of a type (bought outside Stripe: cash, transfer, a gift). */
    async addClientPackage(m: Member, clientId: string, input: { packageTypeId: string; purchasedOn?: string | undefined }) {
      const client = await clientOf(m, clientId);
      const type = await repo().getPackageType(m.org.id, input.packageTypeId);
      if (!type) throw notFound('Package type');
      const purchasedOn = input.purchasedOn ?? today(m);
      const pkg = await repo().addClientPackage({
        orgId: m.org.id,
        clientId: client.id,
        packageTypeId: type.id,
        name: type.name,
        sessionsTotal: type.sessions,
        sessionsRemaining: type.sessions,
        purchasedOn,
        expiresOn: type.validityDays ? addDays(purchasedOn, type.validityDays - 1) : null,
        source: 'manual',
      });
      await deps.audit.record({
        actor: m.actor,
        action: 'client_package.added',
        target: { type: 'client', id: client.id },
        payload: { packageId: pkg.id, sessions: pkg.sessionsTotal },
      });
      return pkg;
    },

    async packagesOf(m: Member, clientId: string) {
      await clientOf(m, clientId);
      const [rows, ledger] = await Promise.all([repo().packagesOf(m.org.id, clientId), repo().ledgerOf(m.org.id, clientId)]);
      const day = today(m);
      return {
        packages: rows.map(({ pkg, netUses }) => ({
          id: pkg.id,
          name: pkg.name,
          sessionsTotal: pkg.sessionsTotal,
          sessionsRemaining: pkg.sessionsRemaining,
          sessionsUsed: netUses,
          purchasedOn: pkg.purchasedOn,
          expiresOn: pkg.expiresOn,
          status: packageStatus(pkg, day),
        })),
        ledger: ledger.map((l) => ({
          id: l.id,
          kind: l.kind,
          packageId: l.clientPackageId,
          bookingId: l.bookingId,
          releaseOf: l.releaseOf,
          at: l.createdAt.toISOString(),
        })),
      };
    },

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

export type CoachService = ReturnType<typeof createCoachService>;
