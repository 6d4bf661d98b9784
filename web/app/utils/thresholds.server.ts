import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { analyticsViews, curvesViews, THRESHOLD_KINDS } from '../../../worker/features/analytics';
import { actorOf, refuseWhileImpersonating } from '../../../worker/http/guards';
import { isUuid } from '../../../worker/lib/ids';
import { athleteOf, todayFor } from './analytics.server';
import { THRESHOLD_LABELS } from './analytics';
import { day } from './analytics-format';
import { appErrorToForm, isAppError } from './forms.server';
import type { FormOutcome } from './form-outcome';

type Kind = (typeof THRESHOLD_KINDS)[number];

export interface ThresholdResult extends FormOutcome {
  intent: 'add' | 'delete';
}

const PACE_KINDS: readonly Kind[] = ['threshold_pace', 'css'];

export async function loadThresholds(context: AppLoadContext, viewer: Viewer) {
  const svc = context.services.analytics;
  const a = athleteOf(viewer);
  const [view, ride, run] = await Promise.all([
    analyticsViews.thresholds(svc, a),
    curvesViews.modelHistory(svc, a, 'ride'),
    curvesViews.modelHistory(svc, a, 'run'),
  ]);
  return { ...view, history: { ride, run }, today: todayFor(context, viewer) };
}

/** "4:30" → 270. Minutes may run past 59 ("75:00" for a slow swim is refused by range, not by format). */
function parseClock(text: string): number | null {
  const m = /^(\d{1,3}):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function parseDate(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const d = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? null : text;
}

export async function addThreshold(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<ThresholdResult> {
  const kept = { kind: values.kind ?? '', value: (values.value ?? '').trim(), effectiveFrom: values.effectiveFrom ?? '' };
  const fail = (fieldErrors: Record<string, string>, formError?: string): ThresholdResult => ({
    intent: 'add',
    ok: false,
    fieldErrors,
    formError,
    values: kept,
  });
  const { units } = viewer.user;

  const kind = THRESHOLD_KINDS.find((k) => k === kept.kind);
  const fieldErrors: Record<string, string> = {};
  if (!kind) fieldErrors.kind = 'Choose which threshold this is';
  const effectiveFrom = parseDate(kept.effectiveFrom);
  if (!effectiveFrom) fieldErrors.effectiveFrom = 'Enter the first day the value applies';
  let value: number | undefined;
  let paceSeconds: number | undefined;
  if (!kept.value) fieldErrors.value = 'Enter a value';
  else if (kind && PACE_KINDS.includes(kind)) {
    const s = parseClock(kept.value);
    if (s === null)
      fieldErrors.value = `Enter the pace as minutes:seconds, e.g. ${kind === 'css' ? '1:45' : units === 'mi' ? '7:15' : '4:30'}`;
    else paceSeconds = s;
  } else if (kind) {
    const n = Number(kept.value.replace(',', '.'));
    if (!Number.isFinite(n) || n <= 0) fieldErrors.value = 'Enter a number';
    else value = n;
  }
  if (!kind || !effectiveFrom || Object.keys(fieldErrors).length > 0) return fail(fieldErrors);

  try {
    await context.services.trainingLoad.setThreshold(actorOf(viewer), units, { kind, value, paceSeconds, effectiveFrom });
  } catch (err) {
    const form = appErrorToForm(err);
    // The service names the field it refused (value, paceSeconds, effectiveFrom); the form has one value field.
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(form.fieldErrors)) {
      if (path === 'value' || path === 'paceSeconds') errors.value = message;
      else errors[path] = message;
    }
    return fail(errors, Object.keys(errors).length === 0 ? (form.formError ?? 'The value could not be saved. Try again.') : undefined);
  }
  const typed =
    paceSeconds !== undefined ? `${kept.value} /${kind === 'css' ? '100 m' : units}` : `${kept.value} ${kind === 'ftp' ? 'W' : 'bpm'}`;
  return {
    intent: 'add',
    ok: true,
    message: `Saved: ${THRESHOLD_LABELS[kind]} ${typed} from ${day(effectiveFrom)}. The loads of the days it governs were recomputed.`,
    fieldErrors: {},
  };
}

export async function removeThreshold(context: AppLoadContext, viewer: Viewer, id: string | undefined): Promise<ThresholdResult> {
  const gone: ThresholdResult = { intent: 'delete', ok: true, message: 'That value had already been removed.', fieldErrors: {} };
  if (!isUuid(id)) return gone;
  try {
    refuseWhileImpersonating(viewer, 'remove a threshold');
    await context.services.trainingLoad.deleteThreshold(actorOf(viewer), id);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return gone;
    return {
      intent: 'delete',
      ok: false,
      formError: appErrorToForm(err).formError ?? 'The value could not be removed. Try again.',
      fieldErrors: {},
    };
  }
  return {
    intent: 'delete',
    ok: true,
    message: 'Removed. The loads of the days it governed were recomputed with the value that applies now.',
    fieldErrors: {},
  };
}
