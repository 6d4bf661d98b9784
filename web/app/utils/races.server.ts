import type { AppLoadContext } from '@remix-run/cloudflare';
import { athleteOf } from './analytics.server';
import type { Viewer } from '../../../worker/context';
import { orNotFoundPage } from './forms.server';

/** The race of a `/races/:raceId` page for its athlete; 404 for an unknown id or another athlete's race. */
export async function loadRace(context: AppLoadContext, viewer: Viewer, raceId: string | undefined) {
  const athlete = athleteOf(viewer);
  const race = await orNotFoundPage(context.services.races.get(athlete, raceId ?? ''));
  return { athlete, race };
}
