// Impersonation for the pages: the banner's state, and starting/ending through the same service the
// /api/v1/admin/impersonation routes call. The impersonation lives in its own cookie (ADR 019).
import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { cookieSettingsFor } from '../../../worker/features/auth';
import { clearImpersonationCookie, serializeImpersonationCookie, StartImpersonationInput } from '../../../worker/features/impersonation';
import { appErrorToForm, parseValues } from './forms.server';

export interface ImpersonationBannerData {
  displayName: string;
  expiresAt: string;
  /** Seconds left by the server's clock, so the banner is right on load without JavaScript. */
  secondsLeft: number;
}

export function impersonationBanner(context: AppLoadContext, viewer: Viewer): ImpersonationBannerData | null {
  if (!viewer.impersonatorId || !viewer.impersonationExpiresAt) return null;
  const left = Math.max(0, Math.floor((viewer.impersonationExpiresAt.getTime() - context.services.clock.now().getTime()) / 1000));
  return { displayName: viewer.user.displayName, expiresAt: viewer.impersonationExpiresAt.toISOString(), secondsLeft: left };
}

export interface StartResult {
  ok: false;
  intent: 'start';
  formError?: string;
  fieldErrors: Record<string, string>;
  values: { reason: string };
}

const settings = (context: AppLoadContext) => cookieSettingsFor(context.services.env.APP_ENV);

/** Starts acting as the user (owner only; the service checks) and lands on their Home. */
export async function startImpersonation(
  request: Request,
  context: AppLoadContext,
  viewer: Viewer,
  values: Record<string, string>,
): Promise<StartResult> {
  const kept = { reason: values.reason ?? '' };
  const parsed = parseValues({ userId: values.userId ?? '', reason: kept.reason }, StartImpersonationInput);
  if (!parsed.ok) return { ok: false, intent: 'start', fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept };
  let cookie: string;
  try {
    const started = await context.services.impersonation.start(viewer, parsed.data, request.headers.get('user-agent'));
    cookie = serializeImpersonationCookie(started.token, settings(context), started.maxAgeSeconds);
  } catch (err) {
    const { fieldErrors, formError } = appErrorToForm(err);
    return { ok: false, intent: 'start', fieldErrors, formError, values: kept };
  }
  throw redirect('/home', { headers: { 'Set-Cookie': cookie } });
}

/** "End now" (or logout while impersonating): back to the owner's own session, on the console. */
export async function endImpersonation(context: AppLoadContext, viewer: Viewer | null, how: 'manual' | 'logout'): Promise<never> {
  if (viewer) await context.services.impersonation.end(viewer, how);
  throw redirect(viewer?.impersonatorId ? '/admin' : '/home', { headers: { 'Set-Cookie': clearImpersonationCookie(settings(context)) } });
}
