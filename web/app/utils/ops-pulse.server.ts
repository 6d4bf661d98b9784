import type { ActionFunctionArgs, AppLoadContext } from '@remix-run/cloudflare';
import { z } from 'zod';
import type { Viewer } from '../../../worker/context';
import type { Permission } from '../../../worker/features/auth';
import { FixInput, type FixIntent } from '../../../worker/features/ops-pulse';
import { actorOf, holds } from '../../../worker/http/guards';
import { requireAdminPermission } from './auth.server';
import { appErrorToForm } from './forms.server';
import type { FormOutcome } from './form-outcome';
import { runOperatorAction } from './operator-actions.server';

// The Ops Pulse page's buttons: each intent checks its own permission, then calls the same service
// method as its API route (/api/v1/admin/ops/...). The per-athlete actions (retry ingestion, re-sync
// billing) are the operator actions, run through runOperatorAction as on the athlete page.

export interface PulseResult extends FormOutcome {
  intent: string;
  rowId?: string;
}

type PageFix = Exclude<FixIntent, 'retry-ingestion' | 'resync-billing'> | 'brake' | 'data-policy';

const PERMISSION: Record<PageFix, Permission> = {
  'retry-job': 'ingestion.retry',
  'retry-import': 'ingestion.retry',
  'resume-athlete': 'ingestion.retry',
  'reprocess-stripe-event': 'billing.manage',
  'retry-sms': 'users.manage',
  'retry-automation': 'users.manage',
  brake: 'system.ingestion_pause',
  'data-policy': 'system.data_policy',
};

const DONE: Record<Exclude<PageFix, 'brake' | 'data-policy'>, string> = {
  'retry-job': 'Job queued again.',
  'retry-import': 'Import queued again.',
  'resume-athlete': 'Athlete released: their jobs are queued.',
  'reprocess-stripe-event': 'Event re-processed',
  'retry-sms': 'SMS sent again',
  'retry-automation': 'Automation run tried again',
};

/** Which buttons this viewer may press (the others show as read-only). */
export async function fixPermissions(context: AppLoadContext, viewer: Viewer): Promise<Record<string, boolean>> {
  let granted: Promise<string[]> | null = null;
  const permissionsOf = (id: string) => (granted ??= context.services.auth.permissionsOf(id));
  const out: Record<string, boolean> = {};
  for (const p of new Set([...Object.values(PERMISSION), 'billing.manage', 'ingestion.retry'] as Permission[]))
    out[p] = await holds(viewer, permissionsOf, p);
  return out;
}

const isFix = (v: string | undefined): v is PageFix => !!v && v in PERMISSION;

const ATHLETE_ACTIONS = new Set(['retry-ingestion', 'resync-billing']);

export async function runPulseFix(args: ActionFunctionArgs, values: Record<string, string>): Promise<PulseResult> {
  const intent = values.intent;
  if (intent && ATHLETE_ACTIONS.has(intent)) {
    const viewer = await requireAdminPermission(args, 'ops.read');
    const userId = values.id ?? '';
    const r = await runOperatorAction(args, viewer, { intent, reason: values.reason ?? '', userId });
    if (r) return { intent, rowId: userId, ok: r.ok, message: r.message, formError: r.formError, fieldErrors: r.fieldErrors };
  }
  if (!isFix(intent)) return { intent: intent ?? '', ok: false, formError: 'Unknown action.', fieldErrors: {} };
  const viewer = await requireAdminPermission(args, PERMISSION[intent]);
  const actor = actorOf(viewer);
  const ops = args.context.services.opsPulse;
  const rowId = values.id ?? '';
  try {
    if (intent === 'brake') {
      if (values.confirm !== 'yes')
        return { intent, ok: false, formError: 'Tick the box to confirm: this affects every athlete.', fieldErrors: {} };
      const r = await args.context.services.ingestion.setPaused(actor, values.paused === 'true');
      const message = r.paused
        ? 'Emergency brake on: all provider ingestion is paused.'
        : `Brake released: ${r.released} jobs queued again.`;
      return { intent, ok: true, message, fieldErrors: {} };
    }
    if (intent === 'data-policy') {
      const mode = values.mode === 'strict' ? 'strict' : values.mode === 'default' ? 'default' : null;
      if (!mode) return { intent, ok: false, formError: 'Choose default or strict.', fieldErrors: {} };
      if (values.confirm !== 'yes')
        return { intent, ok: false, formError: 'Tick the box to confirm: this affects every athlete’s Strava data.', fieldErrors: {} };
      const r = await args.context.services.dataPolicy.setMode(actor, mode);
      const message = !r.changed
        ? `The data policy was already ${mode}.`
        : mode === 'strict'
          ? 'Strict Strava policy on: Strava API activities are now the athlete’s own view only; raw data past 7 days is reduced tonight.'
          : 'Default Strava policy back on.';
      return { intent, ok: true, message, fieldErrors: {} };
    }
    const reason = FixInput.safeParse({ reason: values.reason ?? '' });
    if (!reason.success) return { intent, rowId, ok: false, fieldErrors: { reason: 'Say why (1 to 500 characters).' }, values };
    if (!z.uuid().safeParse(rowId).success) return { intent, rowId, ok: false, formError: 'That row no longer exists.', fieldErrors: {} };
    const why = reason.data.reason;
    const run = {
      'retry-job': () => ops.retryJob(actor, rowId, why),
      'retry-import': () => ops.retryImport(actor, rowId, why),
      'resume-athlete': () => ops.resumeAthlete(actor, rowId, why),
      'reprocess-stripe-event': () => ops.reprocessStripeEvent(actor, rowId, why),
      'retry-sms': () => ops.retrySms(actor, rowId, why),
      'retry-automation': () => ops.retryAutomation(actor, rowId, why),
    }[intent];
    const out = await run();
    const tail = intent === 'retry-job' || intent === 'retry-import' || intent === 'resume-athlete' ? '' : `: ${out.outcome}.`;
    return { intent, rowId, ok: true, message: `${DONE[intent]}${tail}`, fieldErrors: {} };
  } catch (err) {
    const { formError } = appErrorToForm(err);
    return { intent, rowId, ok: false, formError, fieldErrors: {} };
  }
}
