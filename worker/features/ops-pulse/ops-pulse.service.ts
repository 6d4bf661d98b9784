// Ops Pulse: "who is stuck, why, and which button fixes it", read from our own tables and the provider
// budget's state in one document. Figures are counts over whole tables; lists are capped (ROWS).

import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import * as ingestRepo from './ops-pulse.repo';
import { businessSections } from './ops-pulse-business';
import { createOpsFixes, type FixDeps } from './ops-pulse-fixes';
import { tokenKeySection } from './ops-pulse-keys';
import { ingestSections, type PulseClock, type QueueFigure } from './ops-pulse-ingest';
import type { AthleteLimit, Budget, Pulse, Section } from './ops-pulse.schema';
import type { PrivacyPulse } from '../privacy';

export const PAUSE_FLAG = 'ingestion_paused';

/** What the ProviderBudget object's snapshot() returns (budget.ts BudgetState), as far as the pulse reads it. */
export interface BudgetSnapshot {
  limits: { short: number; daily: number; readShort: number; readDaily: number };
  windowStart: number;
  dayStart: number;
  used: { short: number; daily: number; readShort: number; readDaily: number };
  blockedUntil: number;
  lastSeen: Record<string, number>;
}

export interface OpsPulseDeps extends Omit<FixDeps, 'pulseContext'> {
  db: Db;
  clock: Clock;
  logger: Logger;
  budget: () => Promise<BudgetSnapshot>;
  /** Connected Strava athletes against the configured limit (ingest's count and rule). */
  stravaAthletes: () => Promise<AthleteLimit>;
  windowMs: number;
  dayMs: number;
  /** Stored provider tokens per key version ("v1": n, …) and the versions TOKEN_ENCRYPTION_KEY holds, newest first. */
  tokenKeys: () => Promise<Record<string, number>>;
  tokenKeyRing: number[];
  /** Minutes after which a job counts as stuck (default: the stuck sweep's 10). */
  stuckAfterMinutes: number;
  /** Deletion requests by state and the last orphan sweep (privacy's own read). */
  privacy: () => Promise<PrivacyPulse>;
}

export function readBudget(s: BudgetSnapshot, now: number, windowMs: number, dayMs: number): Budget {
  // The snapshot is as of the last call; a window that has since rolled over is empty again.
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const dayStart = Math.floor(now / dayMs) * dayMs;
  const sameWindow = s.windowStart === windowStart;
  const sameDay = s.dayStart === dayStart;
  const used = {
    short: sameWindow ? s.used.short : 0,
    readShort: sameWindow ? s.used.readShort : 0,
    daily: sameDay ? s.used.daily : 0,
    readDaily: sameDay ? s.used.readDaily : 0,
  };
  const blocked = s.blockedUntil > now;
  const hasRoom = !blocked && used.readShort < s.limits.readShort && used.readDaily < s.limits.readDaily && used.short < s.limits.short;
  return {
    windowStart: new Date(windowStart).toISOString(),
    windowEndsAt: new Date(windowStart + windowMs).toISOString(),
    dayEndsAt: new Date(dayStart + dayMs).toISOString(),
    limits: s.limits,
    used,
    blockedUntil: blocked ? new Date(s.blockedUntil).toISOString() : null,
    competingAthletes: Object.values(s.lastSeen).filter((w) => w >= windowStart / windowMs - 1).length,
    hasRoom,
  };
}

export function createOpsPulseService(deps: OpsPulseDeps) {
  async function budget(now: Date): Promise<Budget | null> {
    try {
      return readBudget(await deps.budget(), now.getTime(), deps.windowMs, deps.dayMs);
    } catch (err) {
      deps.logger.warn('ops pulse: provider budget unreadable', { errorName: err instanceof Error ? err.name : 'unknown' });
      return null;
    }
  }

  async function context(now: Date) {
    const [flag, b] = await Promise.all([ingestRepo.flag(deps.db, PAUSE_FLAG), budget(now)]);
    return { flag, paused: flag?.value === true, budget: b };
  }

  return {
    /** The whole figure set, each row with the fix that applies to it. */
    async pulse(): Promise<Pulse> {
      const now = deps.clock.now();
      const t: PulseClock = {
        now,
        hourAgo: new Date(now.getTime() - 3_600_000),
        dayAgo: new Date(now.getTime() - 86_400_000),
        stuckBefore: new Date(now.getTime() - deps.stuckAfterMinutes * 60_000),
      };
      const c = await context(now);
      const [ing, biz, stravaAthletes, privacy, tokenKeys] = await Promise.all([
        ingestSections(deps.db, t, c),
        businessSections(deps.db, t),
        deps.stravaAthletes(),
        deps.privacy(),
        deps.tokenKeys(),
      ]);
      return {
        generatedAt: now.toISOString(),
        stuckAfterMinutes: deps.stuckAfterMinutes,
        brake: { paused: c.paused, since: c.paused && c.flag ? c.flag.updatedAt.toISOString() : null },
        budget: c.budget,
        stravaAthletes,
        sections: [
          ...ing.sections,
          ...biz.sections.slice(0, 4),
          queueSection([...ing.queues, ...biz.queues], now),
          ...biz.sections.slice(4),
          privacySection(privacy),
          tokenKeySection(tokenKeys, deps.tokenKeyRing),
        ],
      };
    },

    ...createOpsFixes({ ...deps, pulseContext: () => context(deps.clock.now()) }),
  };
}

/** Deletions waiting, running or failed, and what the last orphan sweep found naming people who are gone. */
function privacySection(p: PrivacyPulse): Section {
  const counts = p.sweep?.counts ?? {};
  return {
    key: 'privacy',
    title: 'Privacy: deletions and orphans',
    counts: { deletionsScheduled: p.scheduled, deletionsRunning: p.running, deletionsFailed: p.failed, orphans: p.sweep?.total ?? 0 },
    causes: [],
    rows: Object.entries(counts).map(([where, n]) => ({
      id: `orphans:${where}`,
      label: where.startsWith('r2:') ? `R2 ${where.slice(3)}` : where,
      detail: `${n} ${where.startsWith('r2:') ? 'object(s)' : 'row(s)'} naming someone who no longer exists`,
      at: p.sweep?.ranAt.toISOString() ?? null,
      userId: null,
      orgId: null,
      fix: null,
    })),
    note: p.sweep
      ? `Orphan sweep (daily, 03:30 UTC) last ran ${p.sweep.ranAt.toISOString()}. Person columns without a foreign key and R2 keys <area>/<userId>/ are checked.`
      : 'The orphan sweep (daily, 03:30 UTC) has not run yet.',
  };
}

function queueSection(queues: QueueFigure[], now: Date): Section {
  return {
    key: 'queues',
    title: 'Queues',
    counts: {
      backlog: queues.reduce((s, q) => s + q.backlog, 0),
      deadLetter: queues.reduce((s, q) => s + q.deadLetter, 0),
    },
    causes: [],
    rows: queues.map((q) => ({
      id: q.name,
      label: q.name,
      detail: `backlog ${q.backlog} · dead-letter ${q.deadLetter}${
        q.oldest ? ` · oldest ${Math.max(0, Math.round((now.getTime() - q.oldest.getTime()) / 60_000))} min` : ''
      }`,
      at: q.oldest ? q.oldest.toISOString() : null,
      userId: null,
      orgId: null,
      fix: null,
    })),
    note: 'From our job tables: backlog is open work, dead-letter is work that failed for good (error, unresolved, no retries left).',
  };
}

export type OpsPulseService = ReturnType<typeof createOpsPulseService>;
