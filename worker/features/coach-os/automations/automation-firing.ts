// Firing: scheduled slots (per-minute tick), coach events, the time-based scans and retries.
//
// Schedules: a tick reads the automations whose next_run_at has passed and moves each one's
// next_run_at with a conditional UPDATE on the value it read: of overlapping ticks exactly one gets the
// row back and fires. The next slot is computed from *now*, so a worker that was down for hours fires
// a missed schedule once (for the oldest missed slot), not once per missed slot.
// Every firing is a run with a unique key; inserting an existing key does nothing, so a replayed
// event, a second scan or a racing tick never acts twice.

import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import { addDays, todayIn } from '../../../lib/dates';
import type { CoachEvent } from '../coach-events';
import { createAutomationClientsRepo, type ClientFacts } from './automation-clients.repo';
import { LEASE_MS, type AutomationRunner } from './automation-runner';
import { nextRunAfter } from './automation-trigger';
import { createAutomationsRepo, type AutomationRow, type NewRun, type RunRow } from './automations.repo';
import type { Audience, ScheduleTrigger, Trigger } from './automations.schema';

export interface FiringDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  runner: AutomationRunner;
  /** Runs the action after the response when given (event reactions must not slow the coach's click). */
  defer?: (p: Promise<unknown>) => void;
}

const DAY_MS = 86_400_000;

export function inAudience(audience: Audience, c: ClientFacts, now: Date): boolean {
  switch (audience.kind) {
    case 'coach':
      return false;
    case 'active_clients':
      return c.sessionsLeft > 0;
    case 'low_sessions':
      return c.packageCount > 0 && c.sessionsLeft <= audience.max;
    case 'inactive':
      return now.getTime() - c.lastActiveAt.getTime() >= audience.days * DAY_MS;
  }
}

export function createAutomationFiring(deps: FiringDeps) {
  const repo = createAutomationsRepo(deps.db);
  const clients = createAutomationClientsRepo(deps.db);

  /** Inserts the run (once per key) and, when this call made it, performs its first attempt. */
  async function fire(automation: AutomationRow, run: Omit<NewRun, 'automationId' | 'orgId'>, inline: boolean): Promise<number> {
    const row = await repo.insertRun({ ...run, automationId: automation.id, orgId: automation.orgId }, deps.clock.now(), LEASE_MS);
    if (!row) return 0;
    const work = deps.runner.attempt(row, automation).catch((err) => {
      // The lease runs out and the retry sweep takes the run again.
      deps.logger.error('automation attempt crashed', { runId: row.id, errorName: err instanceof Error ? err.name : 'unknown' });
    });
    if (!inline && deps.defer) deps.defer(work);
    else await work;
    return 1;
  }

  async function fireSlot(automation: AutomationRow, slot: Date, timeZone: string): Promise<number> {
    const base = `automation:${automation.id}:at:${slot.toISOString()}`;
    const audience = automation.audience as Audience | null;
    if (!audience || audience.kind === 'coach')
      return fire(automation, { clientId: null, key: base, context: { slot: slot.toISOString() } }, true);
    const now = deps.clock.now();
    const targets = (await clients.facts(automation.orgId, todayIn(timeZone, now))).filter((c) => inAudience(audience, c, now));
    let fired = 0;
    for (const c of targets)
      fired += await fire(automation, { clientId: c.id, key: `${base}:client:${c.id}`, context: { slot: slot.toISOString() } }, true);
    return fired;
  }

  return {
    /** The per-minute tick: fire due schedules once each, then retry failed runs whose backoff is over. */
    async runDue(now: Date): Promise<{ fired: number; retried: number }> {
      if (!(await repo.anythingDue(now))) return { fired: 0, retried: 0 };
      let fired = 0;
      for (const { automation, orgTimeZone } of await repo.due(now, 100)) {
        const seen = automation.nextRunAt!;
        const next = nextRunAfter(automation.trigger as ScheduleTrigger, orgTimeZone, now);
        const isDue = seen.getTime() <= now.getTime();
        // Only a due row fires; a row picked up for a zone change just gets its next slot recomputed.
        if (!(await repo.advance(automation.id, seen, next, orgTimeZone, isDue ? now : null))) continue;
        if (isDue) fired += await fireSlot(automation, seen, orgTimeZone);
      }
      return { fired, retried: await this.retryDue(now) };
    },

    async retryDue(now: Date): Promise<number> {
      const runs = await repo.claimRetries(now, LEASE_MS, 50);
      for (const run of runs) {
        const automation = await repo.getById(run.automationId);
        if (automation) await deps.runner.attempt(run, automation);
      }
      return runs.length;
    },

    /** One more attempt of a failed run now (an operator's retry); null when the run is not failed. */
    async retryNow(runId: string): Promise<RunRow | null> {
      const run = await repo.claimFailedRun(runId, new Date(deps.clock.now().getTime() + LEASE_MS));
      if (!run) return null;
      const automation = await repo.getById(run.automationId);
      return automation ? deps.runner.attempt(run, automation) : run;
    },

    /** Booking completed, and a package down to ≤ 1 session: one run per (automation, occasion). */
    async onEvent(e: CoachEvent): Promise<void> {
      if (e.type === 'booking.completed') {
        for (const { automation } of await repo.withTrigger(['booking_completed'], e.orgId)) {
          await fire(
            automation,
            {
              clientId: e.clientId,
              key: `automation:${automation.id}:booking:${e.bookingId}:completed`,
              context: { bookingId: e.bookingId },
            },
            false,
          );
        }
      } else if (e.type === 'session.used' && e.remaining <= 1) {
        for (const { automation } of await repo.withTrigger(['package_low'], e.orgId)) {
          await fire(
            automation,
            {
              clientId: e.clientId,
              key: `automation:${automation.id}:client:${e.clientId}:package:${e.packageId}:low`,
              context: { packageId: e.packageId },
            },
            false,
          );
        }
      }
    },

    /**
     * The time-based events, by local date in each org's zone: packages expiring within N days (once
     * per package) and clients inactive N days (once per quiet spell, keyed by its start).
     */
    async scan(now: Date): Promise<number> {
      let fired = 0;
      const rows = await repo.withTrigger(['package_expiring', 'client_inactive']);
      for (const { automation, orgTimeZone } of rows) {
        const trigger = automation.trigger as Trigger;
        const today = todayIn(orgTimeZone, now);
        if (trigger.kind === 'package_expiring') {
          for (const p of await clients.expiringPackages(automation.orgId, today, addDays(today, trigger.days))) {
            const key = `automation:${automation.id}:client:${p.clientId}:package:${p.id}:expires-in-${trigger.days}`;
            fired += await fire(automation, { clientId: p.clientId, key, context: { packageId: p.id } }, true);
          }
        } else if (trigger.kind === 'client_inactive') {
          for (const c of await clients.facts(automation.orgId, today)) {
            if (!inAudience({ kind: 'inactive', days: trigger.days }, c, now)) continue;
            const key = `automation:${automation.id}:client:${c.id}:inactive-${trigger.days}-since:${c.lastActiveAt.toISOString()}`;
            fired += await fire(automation, { clientId: c.id, key, context: {} }, true);
          }
        }
      }
      return fired;
    },
  };
}

export type AutomationFiring = ReturnType<typeof createAutomationFiring>;
