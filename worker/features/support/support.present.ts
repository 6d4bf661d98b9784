import type { AuditSupportRepo } from '../audit';
import type { PushDevice } from '../notifications';
import type { AuthSupportRepo } from '../auth';
import { importedNothing, type IngestionService, type IngestSupportRepo as IngestRepo } from '../ingest';
import type { MembershipForSupport } from '../membership';
import type { AthleteDetail, Issue } from './support.schema';
import { deviceOf, maskEmail, maskName, masked } from './support.mask';

/** A failed job's or import's cause, in Ops Pulse's words (its one table, passed in by the wiring). */
export interface FailureCause {
  code: string;
  class: 'permanent' | 'retryable' | 'unknown';
  label: string;
}
export interface FailureCauses {
  job(lastError: string | null): FailureCause;
  import(error: string | null): FailureCause;
}
const causeOf = (c: FailureCause): FailureCause => ({ code: c.code, class: c.class, label: c.label });

type Rows<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;
type AuditRows = Rows<AuditSupportRepo['aboutUser']>;

export interface DetailInput {
  account: NonNullable<Rows<AuthSupportRepo['account']>>;
  permissions: Rows<AuthSupportRepo['permissionsOf']>;
  sessions: Rows<AuthSupportRepo['sessionsOf']>;
  membership: MembershipForSupport;
  connections: (Rows<IngestRepo['connections']>[number] & { lastWebhook: Rows<IngestRepo['lastWebhook']> })[];
  ingestion: Rows<IngestionService['status']>;
  jobs: Rows<IngestRepo['latestJobs']>;
  imports: Rows<IngestRepo['latestImports']>;
  rebuild: { reason: string; requestedAt: Date } | null;
  org: { id: string; name: string; role: string } | null;
  links: { id: string; status: string; orgName: string; requestedBy: string | null; createdAt: string; planEdit: boolean }[];
  audit: AuditRows;
  notifications: { id: string; type: string; title: string; readAt: string | null; createdAt: string }[];
  pushDevices: PushDevice[];
  coach: { conversations: number; monthCalls: number; monthCostNanoUsd: number; proposals: Record<string, number> };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const reasonOf = (payload: Record<string, unknown>) => (typeof payload.reason === 'string' ? payload.reason : null);

/** "Who is stuck and why", worst first: what the summary line at the top of the athlete page says. */
export function issuesOf(d: DetailInput, now: Date): Issue[] {
  const out: Issue[] = [];
  if (d.account.blockedAt) out.push({ code: 'blocked', severity: 'danger', message: 'Blocked: cannot sign in or use the API.' });
  if (d.account.mustChangePassword)
    out.push({ code: 'must_change_password', severity: 'warning', message: 'Must set a new password (temporary password issued).' });
  for (const c of d.connections)
    if (c.expiresAt <= now)
      out.push({
        code: 'token_expired',
        severity: 'warning',
        message: `${cap(c.provider)} token expired ${c.expiresAt.toISOString().slice(0, 10)}.`,
      });
  for (const s of d.ingestion.states) {
    if (s.status === 'error')
      out.push({
        code: 'ingestion_error',
        severity: 'danger',
        message: `${cap(s.source)} ingestion failed: ${s.lastError ?? 'no detail'}.`,
      });
    if (s.status === 'deferred')
      out.push({
        code: 'ingestion_deferred',
        severity: 'info',
        message: `${cap(s.source)} ingestion deferred until ${iso(s.resumeAt) ?? 'the budget frees up'}.`,
      });
  }
  const failedJobs = d.ingestion.jobs.error ?? 0;
  if (failedJobs > 0)
    out.push({ code: 'jobs_failed', severity: 'danger', message: `${failedJobs} ingestion job${failedJobs === 1 ? '' : 's'} failed.` });
  const failedImports = d.imports.filter((i) => i.status === 'error');
  if (failedImports.length > 0)
    out.push({
      code: 'import_failed',
      severity: 'warning',
      message: `${failedImports.length} recent import${failedImports.length === 1 ? '' : 's'} failed.`,
    });
  const emptyImports = d.imports.filter(importedNothing);
  if (emptyImports.length > 0)
    out.push({
      code: 'import_empty',
      severity: 'warning',
      message: `${emptyImports.length} recent upload${emptyImports.length === 1 ? '' : 's'} brought nothing in (every file in ${emptyImports.length === 1 ? 'it' : 'them'} skipped).`,
    });
  if (d.membership.pastDue)
    out.push({ code: 'past_due', severity: 'warning', message: `Payment past due since ${d.membership.pastDue.since.slice(0, 10)}.` });
  if (d.rebuild) out.push({ code: 'rebuild_pending', severity: 'info', message: `Analytics rebuild queued (${d.rebuild.reason}).` });
  const rank = { danger: 0, warning: 1, info: 2 };
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** The athlete page's one document; personal data (email, name, devices, file names, notes) masked unless `pii`. */
export function presentDetail(d: DetailInput, opts: { now: Date; pii: boolean; causes: FailureCauses }): AthleteDetail {
  const a = d.account;
  const pii = opts.pii;
  return {
    pii,
    issues: issuesOf(d, opts.now),
    profile: {
      id: a.id,
      displayName: pii ? a.displayName : maskName(a.displayName),
      email: pii ? a.email : maskEmail(a.email),
      units: a.units,
      timeZone: a.timeZone,
      birthYear: a.birthDate ? Number(a.birthDate.slice(0, 4)) : null,
      createdAt: a.createdAt.toISOString(),
      lastSeenAt: iso(a.lastSeenAt),
    },
    access: {
      role: a.role,
      permissions: d.permissions.map((p) => ({ permission: p.permission, grantedAt: p.grantedAt.toISOString() })),
      blocked: a.blockedAt ? { at: a.blockedAt.toISOString(), reason: pii ? a.blockedReason : a.blockedReason ? masked : null } : null,
      mustChangePassword: a.mustChangePassword,
    },
    membership: {
      ...d.membership,
      grants: d.membership.grants.map((g) => ({ ...g, reason: pii ? g.reason : masked })),
    },
    integrations: d.connections.map((c) => ({
      provider: c.provider,
      externalAthleteId: pii ? c.externalAthleteId : masked,
      tokenExpiresAt: c.expiresAt.toISOString(),
      tokenExpired: c.expiresAt <= opts.now,
      scopes: c.scopes.split(/[,\s]+/).filter(Boolean),
      connectedAt: c.createdAt.toISOString(),
      lastWebhook: c.lastWebhook
        ? {
            receivedAt: c.lastWebhook.receivedAt.toISOString(),
            processedAt: iso(c.lastWebhook.processedAt),
            outcome: c.lastWebhook.outcome,
            object: [c.lastWebhook.objectType, c.lastWebhook.aspectType].filter(Boolean).join(' ') || null,
          }
        : null,
    })),
    ingestion: {
      paused: d.ingestion.paused,
      states: d.ingestion.states.map((s) => ({
        source: s.source,
        status: s.status,
        resumeAt: iso(s.resumeAt),
        doneCount: s.doneCount,
        lastError: s.lastError,
        updatedAt: s.updatedAt.toISOString(),
      })),
      jobCounts: d.ingestion.jobs,
      jobs: d.jobs.map((j) => ({
        id: j.id,
        kind: j.kind,
        status: j.status,
        attempts: j.attempts,
        runAfter: iso(j.runAfter),
        lastError: j.lastError,
        cause: j.status === 'error' ? causeOf(opts.causes.job(j.lastError)) : null,
        updatedAt: j.updatedAt.toISOString(),
      })),
    },
    imports: d.imports.map((i) => ({
      ...i,
      filename: pii ? i.filename : masked,
      cause: i.status === 'error' ? causeOf(opts.causes.import(i.error)) : null,
      createdAt: i.createdAt.toISOString(),
      finishedAt: iso(i.finishedAt),
    })),
    analytics: { rebuildPending: d.rebuild ? { reason: d.rebuild.reason, requestedAt: d.rebuild.requestedAt.toISOString() } : null },
    coaching: {
      org: d.org,
      links: d.links.map((l) => ({
        id: l.id,
        status: l.status,
        orgName: l.orgName,
        requestedBy: l.requestedBy && !pii ? maskName(l.requestedBy) : l.requestedBy,
        createdAt: l.createdAt,
        planEdit: l.planEdit,
      })),
    },
    audit: d.audit.map((e) => ({
      id: e.id,
      action: e.action,
      actorId: e.actorId,
      actorRole: e.actorRole,
      about: e.targetType === 'user' && e.targetId === a.id ? ('target' as const) : ('actor' as const),
      targetType: e.targetType,
      targetId: e.targetId,
      // An operator's reason is free text: it may name the person.
      reason: pii ? reasonOf(e.payload) : reasonOf(e.payload) ? masked : null,
      createdAt: e.createdAt.toISOString(),
    })),
    sessions: d.sessions.map((s) => ({
      id: s.id,
      device: pii ? deviceOf(s.userAgent) : masked,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      impersonation: s.impersonatorId !== null,
    })),
    notifications: d.notifications.map((n) => ({
      id: n.id,
      kind: n.type,
      title: pii ? n.title : masked,
      read: n.readAt !== null,
      createdAt: n.createdAt,
    })),
    pushDevices: d.pushDevices.map(({ installId: _i, ...device }) => ({ ...device, label: pii ? device.label : masked })),
    aiCoach: {
      conversations: d.coach.conversations,
      monthCalls: d.coach.monthCalls,
      monthCostUsd: Math.round(d.coach.monthCostNanoUsd / 1e5) / 1e4,
      proposals: d.coach.proposals,
    },
  };
}
