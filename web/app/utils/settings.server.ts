import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import { z } from 'zod';
import type { Viewer } from '../../../worker/context';
import { UpdateProfileInput } from '../../../worker/features/account';
import { EmailChangeInput, NewPassword } from '../../../worker/features/auth';
import { actorOf } from '../../../worker/http/guards';
import { clearedCookieHeader } from './auth.server';
import { isUuid } from '../../../worker/lib/ids';
import { appErrorToForm, isAppError, parseValues } from './forms.server';

export type SettingsIntent = 'profile' | 'time-zone' | 'password' | 'email' | 'revoke-session' | 'revoke-all' | 'coach-link';

export interface SettingsResult {
  intent: SettingsIntent;
  ok: boolean;
  message?: string;
  formError?: string;
  fieldErrors: Record<string, string>;
  /** What was typed, echoed so a page without JavaScript keeps it after a failed save. */
  values?: Record<string, string>;
}

const PasswordForm = z
  .object({
    currentPassword: z.string().min(1, { message: 'Enter your current password' }).max(256),
    newPassword: NewPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: "The new passwords don't match" });

const failed = (intent: SettingsIntent, err: unknown, values?: Record<string, string>): SettingsResult => {
  const { fieldErrors, formError } = appErrorToForm(err);
  return { intent, ok: false, fieldErrors, formError, values };
};

export async function saveProfile(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<SettingsResult> {
  const kept = {
    displayName: values.displayName ?? '',
    units: values.units ?? '',
    timeZone: values.timeZone ?? '',
    birthDate: values.birthDate ?? '',
    sex: values.sex ?? '',
  };
  // Blank optional fields mean "clear it", which the service spells as null.
  const parsed = parseValues(
    { displayName: kept.displayName, units: kept.units, timeZone: kept.timeZone, birthDate: kept.birthDate || null, sex: kept.sex || null },
    UpdateProfileInput,
  );
  if (!parsed.ok) return { intent: 'profile', ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept };
  try {
    await context.services.account.updateProfile(actorOf(viewer), parsed.data);
  } catch (err) {
    return failed('profile', err, kept);
  }
  return { intent: 'profile', ok: true, message: 'Saved', fieldErrors: {} };
}

/** The once-only "use your device's zone?" question: "use" sets the device's zone, anything else keeps the stored one. */
export async function answerTimeZone(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<SettingsResult> {
  const parsed = parseValues(
    values.answer === 'use' ? { timeZone: values.timeZone ?? '' } : { timeZoneConfirmed: true },
    UpdateProfileInput,
  );
  if (!parsed.ok) return { intent: 'time-zone', ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError };
  try {
    await context.services.account.updateProfile(actorOf(viewer), parsed.data);
  } catch (err) {
    return failed('time-zone', err);
  }
  return { intent: 'time-zone', ok: true, message: 'Saved', fieldErrors: {} };
}

export async function changePassword(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<SettingsResult> {
  const parsed = parseValues(values, PasswordForm);
  if (!parsed.ok) return { intent: 'password', ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError };
  try {
    await context.services.auth.changePassword(actorOf(viewer), viewer.sessionId, parsed.data.currentPassword, parsed.data.newPassword);
  } catch (err) {
    return failed('password', err);
  }
  return { intent: 'password', ok: true, message: 'Password changed. Your other devices have been signed out.', fieldErrors: {} };
}

export async function revokeSession(context: AppLoadContext, viewer: Viewer, sessionId: string | undefined): Promise<SettingsResult> {
  if (!sessionId || sessionId === viewer.sessionId) {
    return { intent: 'revoke-session', ok: false, formError: 'To sign out this device, use Log out.', fieldErrors: {} };
  }
  try {
    await context.services.account.revokeSession(actorOf(viewer), sessionId);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND')
      return { intent: 'revoke-session', ok: true, message: 'That session had already ended.', fieldErrors: {} };
    return failed('revoke-session', err);
  }
  return { intent: 'revoke-session', ok: true, message: 'Signed out of that device.', fieldErrors: {} };
}

const COACH_LINK_DONE = {
  accept: 'You now share your training with them.',
  decline: 'Declined. They will not see your training.',
  revoke: 'Stopped. They no longer see your training.',
  'allow-edit': 'They may now change your plan. Every change shows their name in its history.',
  'forbid-edit': 'They can no longer change your plan; they still see it.',
  'share-wellness': 'They now see your wellness: sleep, HRV, resting HR, check-ins and weight.',
  'stop-wellness': 'Stopped. They no longer see your wellness; they still see your training.',
} as const;
type CoachLinkVerb = keyof typeof COACH_LINK_DONE;
const isCoachLinkVerb = (v: string | undefined): v is CoachLinkVerb => v !== undefined && v in COACH_LINK_DONE;

/** Answering a coach who asked to see your training, or stopping sharing with one. */
export async function answerCoachLink(
  context: AppLoadContext,
  viewer: Viewer,
  verb: string | undefined,
  linkId: string | undefined,
): Promise<SettingsResult> {
  if (!isCoachLinkVerb(verb)) throw new Response('Unknown action', { status: 400 });
  const links = context.services.athleteLinks;
  const gone: SettingsResult = { intent: 'coach-link', ok: false, formError: 'That request is no longer open.', fieldErrors: {} };
  if (!isUuid(linkId)) return gone;
  try {
    if (verb === 'accept') await links.accept(actorOf(viewer), viewer.user, linkId);
    else if (verb === 'decline') await links.decline(actorOf(viewer), viewer.user, linkId);
    else if (verb === 'revoke') await links.revoke(actorOf(viewer), viewer.user, linkId);
    else if (verb === 'share-wellness' || verb === 'stop-wellness')
      await context.services.clientWellness.setShare(actorOf(viewer), viewer.user.id, linkId, verb === 'share-wellness');
    else await context.services.clientPlans.setPlanEdit(actorOf(viewer), viewer.user.id, linkId, verb === 'allow-edit');
  } catch (err) {
    // A second tab (or the coach) settled it first, or the id was never theirs: say so plainly.
    if (isAppError(err) && err.code === 'NOT_FOUND') return gone;
    return failed('coach-link', err);
  }
  return { intent: 'coach-link', ok: true, message: COACH_LINK_DONE[verb], fieldErrors: {} };
}

export async function logoutEverywhere(context: AppLoadContext, viewer: Viewer): Promise<SettingsResult> {
  try {
    await context.services.auth.logoutEverywhere(actorOf(viewer));
  } catch (err) {
    // Refused (an impersonation): said where the sessions are listed.
    return failed('revoke-session', err);
  }
  throw redirect('/login?signedout=all', { headers: { 'Set-Cookie': clearedCookieHeader(context) } });
}

/** Settings → Email address: ask for the change (new address + password), send the link again, or cancel it (ADR 040). */
export async function changeEmail(
  context: AppLoadContext,
  viewer: Viewer,
  values: Record<string, string>,
  verb: 'request' | 'resend' | 'cancel',
): Promise<SettingsResult> {
  const changes = context.services.emailChange;
  try {
    if (verb === 'cancel') {
      await changes.cancel(actorOf(viewer));
      return { intent: 'email', ok: true, message: 'Cancelled. Your address stays as it is.', fieldErrors: {} };
    }
    if (verb === 'resend') {
      const pending = await changes.resend(actorOf(viewer));
      return { intent: 'email', ok: true, message: `Sent again to ${pending.newEmail}. Only the newest link works.`, fieldErrors: {} };
    }
    const kept = { newEmail: values.newEmail ?? '' };
    const parsed = parseValues({ newEmail: kept.newEmail, password: values.password ?? '' }, EmailChangeInput);
    if (!parsed.ok) return { intent: 'email', ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept };
    try {
      await changes.request(actorOf(viewer), parsed.data, { ip: context.clientIp });
      // No message: the card turns into the "Waiting for confirmation" notice, which says it (and is announced).
      return { intent: 'email', ok: true, fieldErrors: {} };
    } catch (err) {
      return failed('email', err, kept);
    }
  } catch (err) {
    return failed('email', err);
  }
}
