// Strict mode's nightly job: Strava API rows past the 7-day cache window are cut down to what the policy
// lets us keep, and each athlete is told once, with the way to keep everything (their archive).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import type { Notifier } from '../../notifications';
import type { OnActivitiesChanged } from '../activities.service';
import { lockUser } from '../activities.repo';
import type { PolicyRef } from './policy';
import * as repo from './strava-cache.repo';

export interface CacheReport {
  /** Strict mode was on: otherwise the job did nothing. */
  ran: boolean;
  athletes: number;
  reduced: number;
  notified: number;
}

const DAY_MS = 86_400_000;

export function createStravaCacheJob(deps: {
  db: Db;
  clock: Clock;
  policy: PolicyRef;
  notify: Notifier;
  onChange?: OnActivitiesChanged;
  logger: Logger;
}) {
  return {
    async run(): Promise<CacheReport> {
      const policy = await deps.policy();
      const days = policy.rule('strava').rawCacheDays;
      if (days === null) return { ran: false, athletes: 0, reduced: 0, notified: 0 };
      const now = deps.clock.now();
      const cutoff = new Date(now.getTime() - days * DAY_MS);
      const report: CacheReport = { ran: true, athletes: 0, reduced: 0, notified: 0 };
      for (const userId of await repo.athletesDue(deps.db, cutoff)) {
        // One athlete per transaction, under their write lock, so a concurrent sync or upload sees before or after.
        const { rows, first } = await deps.db.transaction(async (tx) => {
          await lockUser(tx, userId);
          const first = !(await repo.hadReduced(tx, userId));
          const rows = await repo.reduce(tx, userId, cutoff, now);
          // Derived data follows the row (its load now from duration alone; its efforts gone).
          if (rows.length > 0) await deps.onChange?.(tx, userId, { writtenIds: rows.map((r) => r.id), days: rows.map((r) => r.day) });
          return { rows, first };
        });
        if (rows.length === 0) continue;
        report.athletes++;
        report.reduced += rows.length;
        if (first) {
          await deps.notify.notify({
            userId,
            type: 'strava.cache_reduced',
            data: { reduced: rows.length },
            dedupeKey: `strava.cache_reduced:${userId}`,
          });
          report.notified++;
        }
      }
      deps.logger.info('strava cache window applied', { athletes: report.athletes, reduced: report.reduced });
      return report;
    },
  };
}
