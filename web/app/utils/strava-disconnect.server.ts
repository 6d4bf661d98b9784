// The last Strava disconnect on Data sources, in the words of the notification the athlete was sent.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { NOTIFICATION_TYPES } from '../../../worker/features/notifications';
import { localDateOf } from '../../../worker/lib/dates';
import { formatDay } from '../../../worker/lib/format';

/** The last Strava disconnect in the notification's own words, with its day in the athlete's zone. */
export interface DisconnectView {
  title: string;
  body: string;
  link: string;
  on: string;
}

/** What the last Strava disconnect took and kept, while Strava is not connected (null if it never was). */
export async function lastStravaDisconnect(context: AppLoadContext, viewer: Viewer): Promise<DisconnectView | null> {
  const last = await context.services.strava.connections.lastDisconnect(viewer.user.id);
  if (!last) return null;
  const spec = NOTIFICATION_TYPES['strava.disconnected'];
  const data = { reason: last.reason, removed: last.removedActivities, kept: last.keptActivities };
  return {
    title: spec.title(data),
    body: spec.body(data),
    link: spec.link(data) ?? '/settings/data#files',
    on: formatDay(localDateOf(last.createdAt, viewer.user.timeZone)),
  };
}
