// The achievements and leaderboards pages: the same services and views as /api/v1/social/achievements and
// /leaderboards; "ask for a review" through the same service (and its limits) as POST /leaderboards/reviews.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { SPORTS } from '../../../worker/features/activities';
import { ReviewBody } from '../../../worker/features/social/awards/awards.schema';
import { appErrorToForm, formValues, parseValues } from './forms.server';

export const loadAchievements = (context: AppLoadContext, viewer: Viewer) => context.services.awards.mine(viewer.user.id);
export type AchievementsView = Awaited<ReturnType<typeof loadAchievements>>;

const METRICS = ['distance', 'time', 'days'] as const;
export type MetricTab = (typeof METRICS)[number];

export async function loadBoard(context: AppLoadContext, viewer: Viewer, url: URL) {
  const sportParam = url.searchParams.get('sport') ?? 'run';
  const metricParam = url.searchParams.get('metric') ?? 'distance';
  const sport = (SPORTS as readonly string[]).includes(sportParam) ? (sportParam as (typeof SPORTS)[number]) : 'run';
  const metric = (METRICS as readonly string[]).includes(metricParam) ? (metricParam as MetricTab) : 'distance';
  const board = await context.services.awards.board({ id: viewer.user.id, timeZone: viewer.user.timeZone }, { sport, metric });
  return { board, rules: context.services.awards.rules(), units: viewer.user.units };
}
export type BoardView = Awaited<ReturnType<typeof loadBoard>>;

export async function askReview(context: AppLoadContext, viewer: Viewer, formData: FormData) {
  const parsed = parseValues(formValues(formData), ReviewBody);
  if (!parsed.ok) return { ...parsed, activityId: String(formData.get('activityId') ?? '') };
  try {
    await context.services.awards.requestReview(viewer.user.id, parsed.data.activityId, parsed.data.note);
    return { ok: true as const, message: 'Review asked for: we will look at it again.', activityId: parsed.data.activityId };
  } catch (err) {
    return { ...appErrorToForm(err), activityId: parsed.data.activityId };
  }
}
