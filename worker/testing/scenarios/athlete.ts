// An athlete account (signed up through the API, so it has a cookie) with training history ingested
// through the activities service as production does; for coach tests that need a client's own training.
import type { ActivityInput } from '../../features/activities/activity.types';
import { addDays, todayIn } from '../../lib/dates';
import { analyticsWorld } from '../analytics';
import { buildActivity } from '../factories/activity';
import type { Harness } from '../harness';

/** One activity `daysAgo` days before today (UTC, 07:00), with the factory's run filling the gaps. */
export type HistoryEntry = Partial<ActivityInput> & { daysAgo: number };

/** Signs up an athlete and ingests `history` (none by default); returns the signup and the activity ids. */
export async function athleteWithHistory(h: Harness, opts: { displayName?: string; email?: string; history?: HistoryEntry[] } = {}) {
  const athlete = await h.signup({ displayName: opts.displayName, email: opts.email });
  const { activities } = analyticsWorld(h.db);
  const activityIds: string[] = [];
  for (const { daysAgo, ...overrides } of opts.history ?? []) {
    const day = addDays(todayIn('UTC', new Date()), -daysAgo);
    const r = await activities.ingest(
      athlete.user.id,
      buildActivity({ startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, timezone: 'UTC', ...overrides }),
    );
    activityIds.push(r.id);
  }
  return { ...athlete, activityIds };
}
