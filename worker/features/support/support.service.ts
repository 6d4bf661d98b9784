import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import { createAnalyticsSupportRepo } from '../analytics';
import { createAuditSupportRepo } from '../audit';
import { createAuthSupportRepo } from '../auth';
import { createCoachSupportRepo } from '../ai-coach';
import { createIngestSupportRepo } from '../ingest';
import type { IngestionService } from '../ingest';
import { membershipForSupport, type MembershipService } from '../membership';
import type { NotificationsService } from '../notifications';
import { type FailureCauses, presentDetail } from './support.present';
import { maskEmail, maskName } from './support.mask';
import type { AthleteDetail, AthleteSearch, SearchQuery } from './support.schema';

/** What support needs of the coach console: the user's own org (a coach) and their links (an athlete). */
export interface CoachingReads {
  membership(actor: { id: string; role: string }): Promise<{ org: { id: string; name: string }; role: string } | undefined>;
  linksFor(user: {
    id: string;
    email: string;
  }): Promise<{ id: string; status: string; orgName: string; requestedBy: string | null; createdAt: string; planEdit: boolean }[]>;
}

export interface SupportDeps {
  db: Db;
  clock: Clock;
  membership: MembershipService;
  ingestion: IngestionService;
  notifications: NotificationsService;
  coaching: CoachingReads;
  /** Why a job or import failed: Ops Pulse's cause table (passed in: support is read by features the pulse reads). */
  causes: FailureCauses;
}

/** Who may see personal data: the caller decides (users.pii), the service only masks. */
export interface Viewing {
  pii: boolean;
}

const encodeCursor = (createdAt: string, id: string) => btoa(`${createdAt}|${id}`).replace(/=+$/, '');
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = atob(cursor).split('|');
    if (createdAt && id && !Number.isNaN(Date.parse(createdAt)) && /^[0-9a-f-]{36}$/i.test(id)) return { createdAt, id };
  } catch {
    // falls through to the one error below
  }
  throw new AppError(ErrorCode.VALIDATION, 'That page link is no longer valid: search again.');
}

const monthBounds = (now: Date) => {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { from, to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
};

/** Athlete support ("God mode"): search accounts and read one athlete's whole state in one document. */
export function createSupportService(deps: SupportDeps) {
  const users = createAuthSupportRepo(deps.db);
  return {
    /**
     * Newest accounts first, keyset-paginated; emails and names masked unless `pii`, and then not searched
     * either: a match on a masked address would let prefix searches spell it out.
     */
    async search(input: SearchQuery, viewing: Viewing): Promise<AthleteSearch> {
      const rows = await users.searchUsers({
        q: input.q || undefined,
        personalData: viewing.pii,
        role: input.role,
        after: input.cursor ? decodeCursor(input.cursor) : undefined,
        limit: input.limit + 1,
      });
      const page = rows.slice(0, input.limit);
      const tiers = await deps.membership.tiersOf(page.map((r) => r.id));
      const out = page.map((r) => ({
        id: r.id,
        displayName: viewing.pii ? r.displayName : maskName(r.displayName),
        email: viewing.pii ? r.email : maskEmail(r.email),
        role: r.role,
        tier: tiers.get(r.id) ?? 'free',
        createdAt: r.createdAt.toISOString(),
        lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
        blocked: r.blockedAt !== null,
      }));
      const last = page.at(-1);
      return { users: out, nextCursor: rows.length > input.limit && last ? encodeCursor(last.cursor, last.id) : null, pii: viewing.pii };
    },

    /** Every section of the athlete page, each read through its owning feature; 404 for an unknown id. */
    async detail(userId: string, viewing: Viewing): Promise<AthleteDetail> {
      const account = await users.account(userId);
      if (!account) throw notFound('User');
      const now = deps.clock.now();
      const ingest = createIngestSupportRepo(deps.db);
      const month = monthBounds(now);
      // Sequential on purpose: parallel reads would each open a pooled connection for one request.
      const permissions = await users.permissionsOf(userId);
      const sessions = await users.sessionsOf(userId, now);
      const membership = await membershipForSupport(deps, { id: userId, timeZone: account.timeZone });
      const connections = await ingest.connections(userId);
      const webhooks: Awaited<ReturnType<typeof ingest.lastWebhook>>[] = [];
      for (const c of connections) webhooks.push(await ingest.lastWebhook(c.provider, c.externalAthleteId));
      const ingestion = await deps.ingestion.status(userId);
      const jobs = await ingest.latestJobs(userId);
      const imports = await ingest.latestImports(userId);
      const rebuild = await createAnalyticsSupportRepo(deps.db).pendingRebuild(userId);
      const org = await deps.coaching.membership({ id: userId, role: account.role });
      const links = await deps.coaching.linksFor({ id: userId, email: account.email });
      const audit = await createAuditSupportRepo(deps.db).aboutUser(userId, 20);
      const notifications = await deps.notifications.recent(userId, 20);
      const pushDevices = await deps.notifications.pushDevices(userId);
      const coach = await createCoachSupportRepo(deps.db).summary(userId, month.from, month.to);
      return presentDetail(
        {
          account,
          permissions,
          sessions,
          membership,
          connections: connections.map((c, i) => ({ ...c, lastWebhook: webhooks[i] ?? null })),
          ingestion,
          jobs,
          imports,
          rebuild,
          org: org ? { id: org.org.id, name: org.org.name, role: org.role } : null,
          links,
          audit,
          notifications,
          pushDevices,
          coach,
        },
        { now, pii: viewing.pii, causes: deps.causes },
      );
    },
  };
}

export type SupportService = ReturnType<typeof createSupportService>;
