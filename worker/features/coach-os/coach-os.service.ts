import type { Db } from '../../db/client';
import { todayIn, addDays } from '../../lib/dates';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, hasChanges, notFound, nothingToUpdate } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import { createCoachRepo, type ClientRow } from './coach-os.repo';
import { presentClientPackages } from './coach-os.present';
import { isUniqueViolation } from '../../db/pg-errors';
import { FREE_ORG_ACTIVE_CLIENTS, entitlementRequired } from '../membership';
import type { OrgPlan } from './org-plan';
import type { Member } from './member';

export type { Member } from './member';

export function createCoachService(deps: { db: Db; clock: Clock; audit: AuditService; orgPlan: OrgPlan }) {
  const repo = () => createCoachRepo(deps.db);
  const today = (m: Member) => todayIn(m.org.timeZone, deps.clock.now());

  /**
   * Runs `write`, which leaves one more client active. Without Team the org's row is locked and its
   * active clients counted first, so racing adds cannot pass the free plan's limit together.
   */
  async function makingActive<T>(m: Member, write: (r: ReturnType<typeof createCoachRepo>) => Promise<T>): Promise<T> {
    if (await deps.orgPlan.hasTeam(m.org.id)) return write(repo());
    return deps.db.transaction(async (tx) => {
      const r = createCoachRepo(tx);
      await r.lockOrg(m.org.id);
      if ((await r.activeClientCount(m.org.id)) >= FREE_ORG_ACTIVE_CLIENTS) throw entitlementRequired('team_clients');
      return write(r);
    });
  }

  async function clientOf(m: Member, clientId: string): Promise<ClientRow> {
    const c = await repo().getClient(m.org.id, clientId);
    if (!c) throw notFound('Client');
    return c;
  }

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

    /** An org by id, for operators (no membership check: admin routes gate on their permission). */
    orgById: (orgId: string) => repo().orgById(orgId),
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
        const c = await makingActive(m, (r) =>
          r.createClient(m.org.id, {
            name: input.name,
            phone: input.phone ?? null,
            email: input.email ?? null,
            notes: input.notes ?? '',
            smsConsent: input.smsConsent ?? 'unknown',
          }),
        );
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
      const before = await clientOf(m, id);
      if (!hasChanges(patch)) throw nothingToUpdate(['name', 'phone', 'email', 'notes', 'smsConsent', 'archived']);
      let c: ClientRow | undefined;
      try {
        // Bringing a client back from the archive counts against the free plan's limit like adding one.
        c =
          before.archived && patch.archived === false
            ? await makingActive(m, (r) => r.updateClient(m.org.id, id, patch))
            : await repo().updateClient(m.org.id, id, patch);
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
      return presentClientPackages(rows, ledger, today(m));
    },
  };
}

export type CoachService = ReturnType<typeof createCoachService>;
