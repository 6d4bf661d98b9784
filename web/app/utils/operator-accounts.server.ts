import type { AppLoadContext } from '@remix-run/cloudflare';
import { z } from 'zod';
import type { Viewer } from '../../../worker/context';
import { OperatorReason } from '../../../worker/features/operator-accounts';
import { actorOf, holds } from '../../../worker/http/guards';
import { appErrorToForm, parseValues } from './forms.server';
import { ACCOUNT_INTENTS, type AccountActionResult, type AccountIntent } from './operator-accounts';

export type { AccountActionResult, AccountIntent } from './operator-accounts';

// Blocking and replacing the password lock the person out: both take a second, named step.
const NEEDS_CONFIRMATION: readonly AccountIntent[] = ['block', 'temporary-password'];

const ActionForm = z.object({ userId: z.uuid({ message: 'That account could not be found.' }), reason: OperatorReason });

const isIntent = (v: string | undefined): v is AccountIntent => ACCOUNT_INTENTS.includes(v as AccountIntent);

const DONE: Record<AccountIntent, string> = {
  block: 'Account blocked. Every session was signed out and login is refused.',
  unblock: 'Account unblocked. They can log in again.',
  'send-reset': 'Password reset email sent. The link works once, for 30 minutes.',
  'temporary-password': 'Temporary password issued. Their sessions were signed out.',
};

/**
 * The account card's form actions for a host page (the athlete page's action calls it first): null
 * when `values.intent` is not one of ours. Checks users.manage itself; the services audit each action.
 */
export async function runAccountAction(
  args: { context: AppLoadContext },
  viewer: Viewer,
  values: Record<string, string>,
): Promise<AccountActionResult | null> {
  const intent = values.intent;
  if (!isIntent(intent)) return null;
  const { services } = args.context;
  const kept = { reason: values.reason ?? '' };
  if (!(await holds(viewer, services.auth.permissionsOf, 'users.manage')))
    return { intent, ok: false, status: 403, formError: 'This needs the "users.manage" permission.', fieldErrors: {}, values: kept };
  const parsed = parseValues({ userId: values.userId, reason: values.reason ?? '' }, ActionForm);
  if (!parsed.ok) return { intent, ok: false, status: 400, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept };
  const { userId, reason } = parsed.data;
  if (NEEDS_CONFIRMATION.includes(intent) && values.confirm !== intent)
    return { intent, ok: false, status: 200, confirm: true, fieldErrors: {}, values: kept };
  const actor = actorOf(viewer);
  const accounts = services.operatorAccounts;
  try {
    if (intent === 'temporary-password') {
      const { temporaryPassword } = await accounts.issueTemporaryPassword(actor, userId, reason);
      return { intent, ok: true, status: 200, message: DONE[intent], fieldErrors: {}, temporaryPassword };
    }
    if (intent === 'block') await accounts.block(actor, userId, reason);
    else if (intent === 'unblock') await accounts.unblock(actor, userId, reason);
    else await accounts.sendPasswordReset(actor, userId, reason);
    return { intent, ok: true, status: 200, message: DONE[intent], fieldErrors: {} };
  } catch (err) {
    const failure = appErrorToForm(err);
    return { intent, ok: false, status: failure.status, fieldErrors: failure.fieldErrors, formError: failure.formError, values: kept };
  }
}
