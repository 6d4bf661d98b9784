// The coach's page for a linked client's activity (ADR 061): the coach API's read shaped as the athlete's
// activity page shapes its own, so the same cards draw it; or why it cannot be shown.
import type { AppLoadContext } from '@remix-run/cloudflare';
import { DURATION_LOAD_PER_HOUR } from '../../../worker/features/analytics';
import type { Member } from '../../../worker/features/coach-os';
import { efficiencyOf } from './activity-curve.server';
import { SOURCE_LABELS } from './attribution';
import { isAppError } from './forms.server';
import { activityZone, formatDateTime, isoDateIn } from './format';

export type CoachActivityResult = Awaited<ReturnType<typeof loadCoachActivity>>;

/**
 * The activity, or the reason it is not shown: a source whose terms keep it from coaches, or a request the
 * athlete has not answered yet. Anyone else's client or activity, or no live link, is the 404 page.
 */
export async function loadCoachActivity(context: AppLoadContext, m: Member, clientId: string, activityId: string) {
  try {
    const x = await context.services.clientActivity.activity(m, clientId, activityId);
    const a = x.activity;
    const zone = activityZone(a.timezone, x.athlete.timeZone);
    return {
      ok: true as const,
      athleteName: x.athlete.name,
      units: x.athlete.units,
      activity: {
        id: a.id,
        name: a.name,
        sport: a.sport,
        sportOriginal: a.sportOriginal,
        source: SOURCE_LABELS[a.source] ?? a.source,
        date: isoDateIn(a.startTime, zone),
        startedAt: formatDateTime(a.startTime, zone),
        movingTimeS: a.movingTimeS,
        elapsedTimeS: a.elapsedTimeS,
        distanceM: a.distanceM,
        elevationGainM: a.elevationGainM,
        avgHr: a.avgHr,
        maxHr: a.maxHr,
        avgPower: a.avgPower,
        duplicateOf: a.duplicateOf,
      },
      attribution: x.attribution,
      analysis: x.analysis,
      durationRate: DURATION_LOAD_PER_HOUR[a.sport as keyof typeof DURATION_LOAD_PER_HOUR] ?? null,
      streams: x.streams,
      intervals: x.intervals,
      notes: x.notes,
      // The cards below the charts, as the athlete's page draws them (an empty curve or sportless balance draws nothing).
      balance: x.balance?.sport ? x.balance : null,
      curve: x.curve?.sport && (x.curve.points.length || x.curve.kinds.length) ? x.curve : null,
      efficiency: efficiencyOf(a, x.analysis, x.athlete.units),
    };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND' && err.details?.reason === 'SOURCE_NOT_SHARED')
      return { ok: false as const, kind: 'source' as const, reason: err.message };
    if (isAppError(err) && err.code === 'FORBIDDEN') return { ok: false as const, kind: 'pending' as const, reason: err.message };
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  }
}
