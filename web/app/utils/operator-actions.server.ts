import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { isOperatorAction, OPERATOR_ACTIONS, type OperatorAction } from '../../../worker/features/operator';
import { actorOf, holds } from '../../../worker/http/guards';
import type { FormOutcome } from './form-outcome';
import { appErrorToForm } from './forms.server';

// The operator actions' page side: any admin page (athlete detail, Ops Pulse) posts `intent` plus the
// action's fields (`reason` always; `userId` when the page's URL does not name the athlete).

export const OPERATOR_INTENTS = Object.keys(OPERATOR_ACTIONS) as OperatorAction[];
export type OperatorIntent = OperatorAction;

export interface OperatorActionResult extends FormOutcome {
  intent: OperatorIntent;
  /** Which row the result belongs to (a job's or an import's id; the athlete's id otherwise). */
  subject: string;
}

/** Destructive intents: the form must carry `confirm=yes` (a checkbox naming the target). */
export const DESTRUCTIVE_INTENTS: readonly OperatorIntent[] = ['revoke-comp', 'revoke-trial', 'clear-coach-thread', 'disconnect-provider'];

type Args = { request: Request; context: AppLoadContext; params?: Record<string, string | undefined> };

/** Form strings as the action's input (numbers as numbers, blanks dropped); the service validates. */
function inputOf(intent: OperatorIntent, values: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = { reason: values.reason ?? '' };
  const text = (k: string) => (values[k]?.trim() ? values[k].trim() : undefined);
  const num = (k: string) => (text(k) === undefined ? undefined : Number(text(k)));
  if (intent === 'comp') Object.assign(input, { tier: text('tier'), days: num('days') });
  if (intent === 'grant-trial') Object.assign(input, { days: num('days') });
  if (intent === 'revoke-comp' || intent === 'revoke-trial') Object.assign(input, { grantId: text('grantId') });
  if (intent === 'retry-job') input.jobId = text('jobId');
  if (intent === 'retry-import') input.importId = text('importId');
  if (intent === 'disconnect-provider') input.provider = text('provider') ?? 'strava';
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  return input;
}

/**
 * Runs the operator action a form posted, or answers null when `values.intent` is not one of ours (the
 * page then handles it). The athlete is `values.userId`, else the route's `:id`. Refusals come back as
 * form errors (permission, validation, 404, 409); anything unexpected propagates.
 */
export async function runOperatorAction(args: Args, viewer: Viewer, values: Record<string, string>): Promise<OperatorActionResult | null> {
  const intent = values.intent;
  if (!isOperatorAction(intent)) return null;
  const userId = values.userId?.trim() || args.params?.id || '';
  const subject = values.jobId ?? values.importId ?? userId;
  const kept = { ...values };
  const { services } = args.context;
  if (!(await holds(viewer, services.auth.permissionsOf, OPERATOR_ACTIONS[intent])))
    return {
      intent,
      subject,
      ok: false,
      fieldErrors: {},
      formError: `This needs the "${OPERATOR_ACTIONS[intent]}" permission.`,
      values: kept,
    };
  if (DESTRUCTIVE_INTENTS.includes(intent) && values.confirm !== 'yes')
    return { intent, subject, ok: false, fieldErrors: { confirm: 'Tick the box to confirm.' }, values: kept };
  try {
    const outcome = await services.operatorActions.perform(actorOf(viewer), userId, intent, inputOf(intent, values));
    return { intent, subject, ok: true, message: outcome.message, fieldErrors: {} };
  } catch (err) {
    const { fieldErrors, formError } = appErrorToForm(err);
    return { intent, subject, ok: false, fieldErrors, formError, values: kept };
  }
}

/** Which operator intents the viewer may run (the card shows only these). */
export async function operatorActionsAllowed(context: AppLoadContext, viewer: Viewer): Promise<Record<OperatorIntent, boolean>> {
  const entries = await Promise.all(
    OPERATOR_INTENTS.map(async (i) => [i, await holds(viewer, context.services.auth.permissionsOf, OPERATOR_ACTIONS[i])] as const),
  );
  return Object.fromEntries(entries) as Record<OperatorIntent, boolean>;
}
