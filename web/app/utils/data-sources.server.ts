import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { actorOf } from '../../../worker/http/guards';
import { appErrorToForm, isAppError } from './forms.server';

export interface DisconnectResult {
  ok: false;
  intent: 'disconnect';
  formError: string;
}

/**
 * Disconnects Strava once the athlete ticked that its activities go with it (checked here too, not
 * only by the browser), then back to the page, which says what went and what stayed.
 */
export async function disconnectStrava(context: AppLoadContext, viewer: Viewer, values: Record<string, string>): Promise<DisconnectResult> {
  if (values.confirm !== 'yes') {
    return {
      ok: false,
      intent: 'disconnect',
      formError: 'Tick the box to confirm that the activities from Strava are deleted too. Nothing was disconnected.',
    };
  }
  try {
    await context.services.strava.connections.disconnect(actorOf(viewer));
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw redirect('/settings/data?disconnected=already');
    return { ok: false, intent: 'disconnect', formError: appErrorToForm(err).formError ?? 'Strava could not be disconnected. Try again.' };
  }
  throw redirect('/settings/data?disconnected=strava#strava');
}

/**
 * The notices the page can be sent back with. Anything in the address is a plain string: cut short, no control
 * characters. `justDisconnected`: the Strava card announces what the disconnect took and kept.
 */
export function noticesFrom(url: URL): {
  error: string | null;
  disconnected: string | null;
  justDisconnected: boolean;
  uploaded: string | null;
} {
  const clean = (raw: string | null, max: number) => {
    const text = raw?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    if (!text) return null;
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  };
  const error = clean(url.searchParams.get('error'), 300);
  const gone = url.searchParams.get('disconnected');
  const disconnected = gone === 'already' ? 'Strava was already disconnected.' : null;
  // The id of the import a form upload (without JavaScript) just created; the page names its file.
  const uploaded = url.searchParams.get('uploaded');
  return {
    error,
    disconnected,
    justDisconnected: gone === 'strava',
    uploaded: uploaded && /^[0-9a-f-]{36}$/i.test(uploaded) ? uploaded : null,
  };
}
