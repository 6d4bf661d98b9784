import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import type { ActivityRow } from '../../../worker/features/activities';
import type { ActivityItem } from '~/components/ActivityList';
import { formatCalendarDate, formatDistance, formatDuration } from './format';

export const PAGE_SIZE = 50;

export const SOURCE_LABELS: Record<ActivityRow['source'], string> = {
  strava: 'Strava',
  fit_upload: 'FIT file',
  garmin_export: 'Garmin export',
  gpx_upload: 'GPX file',
  tcx_upload: 'TCX file',
  manual: 'Entered by you',
};

const SPORT_LABELS: Record<ActivityRow['sport'], string> = {
  run: 'Run',
  ride: 'Ride',
  swim: 'Swim',
  walk: 'Walk',
  hike: 'Hike',
  strength: 'Strength',
  other: 'Other',
};

/** A page of the viewer's activities, newest first, each formatted in their units. */
export async function loadActivities(context: AppLoadContext, viewer: Viewer, beforeParam: string | null) {
  const before = beforeParam ? new Date(beforeParam) : undefined;
  // A mangled "Older" link: start again from the newest rather than show an error.
  if (before && Number.isNaN(before.getTime())) throw redirect('/activities');
  // One more than a page says whether an older page exists, so "Older" never leads to an empty one.
  const rows = await context.services.activities.list(viewer.user.id, 'owner_display', { limit: PAGE_SIZE + 1, before });
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    items: page.map((a): ActivityItem => ({
      id: a.id,
      date: formatCalendarDate(a.localStartDate),
      isoDate: a.localStartDate,
      name: a.name,
      sport: SPORT_LABELS[a.sport] ?? 'Other',
      distance: formatDistance(a.distanceM, viewer.user.units),
      movingTime: formatDuration(a.movingTimeS),
      avgHr: a.avgHr === null ? null : Math.round(a.avgHr),
      source: SOURCE_LABELS[a.source] ?? a.source,
    })),
    older: rows.length > PAGE_SIZE && last ? last.startTime.toISOString() : null,
    paged: !!before,
  };
}
