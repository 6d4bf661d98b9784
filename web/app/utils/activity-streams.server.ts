import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { isUuid } from '../../../worker/lib/ids';
import { athleteOf } from './analytics.server';

/** The activity page's streams analysis for its owner (null when the id is not theirs). */
export async function loadActivityStreams(context: AppLoadContext, viewer: Viewer, id: string) {
  if (!isUuid(id)) return null;
  return context.services.analytics.activityStreams(athleteOf(viewer), id, 'owner');
}
