import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { SearchActivitiesQuery, sportLabel } from '../../../worker/features/activities';
import type { ActivityRowView, ListView } from '~/components/activities/list-types';
import { formatCalendarDate, formatDistance, formatDuration } from './format';
import { SOURCE_LABELS } from './attribution';
import { UPLOAD_LIMITS_VIEW } from './imports.server';

export const LIST_PAGE_SIZE = 50;

const round = (v: number | null, digits = 0) => (v === null ? null : Number(v.toFixed(digits)));

/**
 * The activities list page's data: the URL's search, filters, sort and page (a bad value is dropped, not
 * an error: a hand-edited link still shows the list), one page of rows formatted in the athlete's units.
 */
export async function loadActivityList(context: AppLoadContext, viewer: Viewer, url: URL): Promise<ListView> {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
  const parsed = SearchActivitiesQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : SearchActivitiesQuery.parse({});
  const listing = context.services.activities.listing;
  const units = viewer.user.units;
  const [page, facets] = await Promise.all([
    listing.search(viewer.user.id, { ...q, limit: LIST_PAGE_SIZE, sports: q.sport, sources: q.source, tags: q.tag }),
    listing.facets(viewer.user.id),
  ]);
  const rows = page.rows.map(
    (a): ActivityRowView => ({
      id: a.id,
      isoDate: a.localStartDate,
      date: formatCalendarDate(a.localStartDate),
      name: a.name || 'Untitled activity',
      sport: a.sport,
      sportLabel: sportLabel(a.sport),
      source: a.source,
      device: a.device,
      distance: formatDistance(a.distanceM, units),
      time: formatDuration(a.movingTimeS),
      load: round(a.load),
      intensity: round(a.intensity, 2),
      hr: round(a.avgHr),
      power: round(a.avgPower),
      elevation:
        a.elevationGainM === null
          ? null
          : units === 'mi'
            ? `${Math.round(a.elevationGainM * 3.28084)} ft`
            : `${Math.round(a.elevationGainM)} m`,
      tags: a.tags,
      hidden: a.hidden,
    }),
  );
  return {
    athleteId: viewer.user.id,
    rows,
    total: page.total,
    offset: q.offset,
    pageSize: LIST_PAGE_SIZE,
    filter: {
      q: q.q ?? '',
      sport: q.sport?.[0] ?? '',
      source: q.source?.[0] ?? '',
      from: q.from ?? '',
      to: q.to ?? '',
      device: q.device ?? '',
      tag: q.tag?.[0] ?? '',
      hidden: q.hidden,
    },
    sort: q.sort,
    dir: q.dir,
    devices: facets.devices,
    tags: facets.tags,
    sources: Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label })),
    uploadLimits: UPLOAD_LIMITS_VIEW,
  };
}
