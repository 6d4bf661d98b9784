// The org's team: the owner invites coaches by email, the invitee accepts or declines while signed in
// with that email, the owner cancels invitations and removes staff. Answers never tell the owner
// whether an email has a Cadence account.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import type { Actor, AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import type { Member } from '../coach-os.service';
import { createTeamRepo, type OrgInviteRow } from './team.repo';
import { isUniqueViolation } from '../../../db/pg-errors';
import { TIERS, entitlementRequired } from '../../membership';
import { createCoachRepo } from '../coach-os.repo';
import type { OrgPlan } from '../org-plan';

/** Coaches an org on Team may have, the owner included. */
const SEATS = TIERS.team.seats ?? 1;

/** Account roles that may work in a coaching org (as for creating one). */
const COACH_ROLES = new Set(['coach', 'owner']);

const presentInvite = (r: OrgInviteRow) => ({ id: r.id, email: r.email, status: r.status, createdAt: r.createdAt.toISOString() });

export function createTeamService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Told after the invitation is stored; a send that fails is logged, never the owner's error. */
  notifications: Notifier;
  orgPlan: OrgPlan;
}) {
  const repo = () => createTeamRepo(deps.db);

  function requireOwner(m: Member) {
    if (m.role !== 'owner') throw new AppError(ErrorCode.FORBIDDEN, 'Only the organisation’s owner can change its team.');
  }

  return {
    async team(m: Member) {
      const [members, invites] = await Promise.all([repo().members(m.org.id), repo().pendingOfOrg(m.org.id)]);
      return {
        members: members.map((p) => ({
          userId: p.userId,
          name: p.displayName,
          email: p.email,
          role: p.role,
          since: p.since.toISOString(),
          you: p.userId === m.actor.id,
        })),
        invites: invites.map(presentInvite),
      };
    },

    /** Owner: invite an email. Inviting an address already pending answers with that invitation. */
    async invite(m: Member, email: string) {
      requireOwner(m);
      await deps.orgPlan.requireOrgFeature(m.org.id, 'staff_seats');
      const r = repo();
      const address = email.trim();
      const created = await deps.db.transaction(async (tx) => {
        const t = createTeamRepo(tx);
        // One invitation at a time per org, so two at once cannot both take the last seat.
        await createCoachRepo(tx).lockOrg(m.org.id);
        const again = (await t.pendingOfOrg(m.org.id)).some((i) => i.email.toLowerCase() === address.toLowerCase());
        if (!again && (await t.seatsTaken(m.org.id)) >= SEATS)
          throw new AppError(
            ErrorCode.CONFLICT,
            `All ${SEATS} seats of the Team plan are taken (coaches and pending invitations). Cancel an invitation or remove a coach first.`,
            { fields: [{ path: 'email', message: 'No free seat' }] },
          );
        return t.invite(m.org.id, address, m.actor.id);
      });
      if (!created) {
        const pending = (await r.pendingOfOrg(m.org.id)).find((i) => i.email.toLowerCase() === address.toLowerCase());
        // Settled between the two statements (accepted or cancelled in another tab): say so, don't guess.
        if (!pending) throw new AppError(ErrorCode.CONFLICT, 'That invitation changed just now. Please try again.');
        return { invite: presentInvite(pending), created: false };
      }
      await deps.audit.record({
        actor: m.actor,
        action: 'org.invite_sent',
        target: { type: 'org_invite', id: created.id },
        payload: { orgId: m.org.id },
      });
      // Someone who already has an account hears of it in the app; nobody else learns whether they do.
      const userId = await r.userIdByEmail(created.email);
      if (userId) {
        await deps.notifications.notify({
          userId,
          type: 'coach.update',
          dedupeKey: `org-invite:${created.id}`,
          data: { title: `${m.org.name} invited you to coach with them`, body: 'Open Coach to accept or decline.', link: '/coach' },
        });
      }
      return { invite: presentInvite(created), created: true };
    },

    async cancelInvite(m: Member, id: string) {
      requireOwner(m);
      const row = await repo().cancel(m.org.id, id, deps.clock.now());
      if (!row) throw notFound('Invitation');
      await deps.audit.record({ actor: m.actor, action: 'org.invite_cancelled', target: { type: 'org_invite', id } });
    },

    async removeMember(m: Member, userId: string) {
      requireOwner(m);
      if (userId === m.actor.id) throw new AppError(ErrorCode.CONFLICT, 'The owner cannot leave their own organisation.');
      if (!(await repo().removeStaff(m.org.id, userId))) throw notFound('Team member');
      await deps.audit.record({
        actor: m.actor,
        action: 'org.member_removed',
        target: { type: 'user', id: userId },
        payload: { orgId: m.org.id },
      });
    },

    /** The signed-in user's pending invitations (matched on their account's email). */
    async invitationsFor(user: { email: string }) {
      const rows = await repo().pendingFor(user.email);
      return rows.map((r) => ({ id: r.id, orgName: r.orgName, invitedBy: r.invitedBy, createdAt: r.createdAt.toISOString() }));
    },

    async accept(actor: Actor, user: { email: string }, id: string) {
      if (!COACH_ROLES.has(actor.role))
        throw new AppError(ErrorCode.FORBIDDEN, 'Only coach accounts can join a coaching organisation. Ask Cadence to make yours one.');
      return deps.db.transaction(async (tx) => {
        const r = createTeamRepo(tx);
        if (await r.hasOrg(actor.id)) throw new AppError(ErrorCode.CONFLICT, 'You already belong to an organisation.');
        const row = await r.decide(user.email, id, 'accepted', actor.id, deps.clock.now());
        if (!row) throw notFound('Invitation');
        // Invited while on Team, accepted after it lapsed: the invitation stays pending for when it is back.
        if (!(await deps.orgPlan.hasTeam(row.orgId))) throw entitlementRequired('staff_seats');
        try {
          await r.addStaff(row.orgId, actor.id);
        } catch (err) {
          // Two invitations accepted at once: the one-org-per-coach index lets only one in.
          if (isUniqueViolation(err)) throw new AppError(ErrorCode.CONFLICT, 'You already belong to an organisation.');
          throw err;
        }
        await deps.audit.record(
          { actor, action: 'org.invite_accepted', target: { type: 'org_invite', id }, payload: { orgId: row.orgId } },
          tx,
        );
        return { orgId: row.orgId };
      });
    },

    async decline(actor: Actor, user: { email: string }, id: string) {
      const row = await repo().decide(user.email, id, 'declined', actor.id, deps.clock.now());
      if (!row) throw notFound('Invitation');
      await deps.audit.record({ actor, action: 'org.invite_declined', target: { type: 'org_invite', id }, payload: { orgId: row.orgId } });
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
