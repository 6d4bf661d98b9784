import type { AppLoadContext } from '@remix-run/cloudflare';
import { z } from 'zod';
import type { Services, Viewer } from '../../../worker/context';
import { actorOf } from '../../../worker/http/guards';
import { FreeText } from '../../../worker/lib/text.schema';
import { appErrorToForm, parseValues } from './forms.server';
import type { FormOutcome } from './form-outcome';

type CreateInvite = Parameters<Services['invites']['create']>[1];

export interface InviteResult extends FormOutcome {
  intent: 'create' | 'revoke';
  createdCode?: string;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ message: 'Enter a number' })
    .int({ message: 'Use a whole number' })
    .min(min, { message: `Use at least ${min}` })
    .max(max, { message: `Use at most ${max.toLocaleString('en')}` });

const CreateInviteForm = z.object({
  maxUses: wholeNumber(1, 10_000),
  expiresInDays: z.preprocess(blankToUndefined, wholeNumber(1, 365).optional()),
  note: z.preprocess(blankToUndefined, FreeText({ max: 200, maxMessage: 'Keep the note under 200 characters' }).optional()),
});

export const signupLink = (context: AppLoadContext, code: string) =>
  new URL(`/signup?invite=${encodeURIComponent(code)}`, context.services.env.APP_ORIGIN).toString();

export async function createInvite(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<InviteResult> {
  const kept = { maxUses: values.maxUses ?? '', expiresInDays: values.expiresInDays ?? '', note: values.note ?? '' };
  const parsed = parseValues(kept, CreateInviteForm);
  if (!parsed.ok) return { intent: 'create', ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept };
  const input: CreateInvite = { maxUses: parsed.data.maxUses, expiresInDays: parsed.data.expiresInDays, note: parsed.data.note };
  try {
    const invite = await context.services.invites.create(actorOf(viewer), input);
    return { intent: 'create', ok: true, createdCode: invite.code, message: `Invite ${invite.code} created.`, fieldErrors: {} };
  } catch (err) {
    const { fieldErrors, formError } = appErrorToForm(err);
    return { intent: 'create', ok: false, fieldErrors, formError, values: kept };
  }
}

export async function revokeInvite(context: AppLoadContext, viewer: Viewer, id: string | undefined): Promise<InviteResult> {
  if (!id || !z.uuid().safeParse(id).success)
    return { intent: 'revoke', ok: false, formError: 'That invite could not be found.', fieldErrors: {} };
  try {
    const invite = await context.services.invites.revoke(actorOf(viewer), id);
    return { intent: 'revoke', ok: true, message: `Invite ${invite.code} revoked. It can no longer be used to sign up.`, fieldErrors: {} };
  } catch (err) {
    const { formError } = appErrorToForm(err);
    return { intent: 'revoke', ok: false, formError, fieldErrors: {} };
  }
}
