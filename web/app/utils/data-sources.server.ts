import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { actorOf } from '../../../worker/http/guards';
import { appErrorToForm, isAppError } from './forms.server';

export interface DisconnectResult {
  ok: false;
  intent: 'disconnect';
  formError: string;
}

export interface DoorDisconnectResult {
  ok: false;
  intent: 'disconnect-door';
  provider: string;
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

/** Disconnects a live door (Garmin Connect, …), then back to the page with what happened for the notice. */
export async function disconnectDoor(
  context: AppLoadContext,
  viewer: Viewer,
  values: Record<string, string>,
): Promise<DoorDisconnectResult> {
  const provider = /^[a-z]{1,20}$/.test(values.provider ?? '') ? (values.provider as string) : '';
  let removed: number;
  try {
    ({ removedActivities: removed } = await context.services.fileDoors.connections.disconnect(actorOf(viewer), provider));
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw redirect(`/settings/data?left=${provider}&removed=0`);
    return {
      ok: false,
      intent: 'disconnect-door',
      provider,
      formError: appErrorToForm(err).formError ?? 'This data source could not be disconnected. Try again.',
    };
  }
  throw redirect(`/settings/data?left=${provider}&removed=${removed}`);
}

/**
 * The notices the page can be sent back with. Anything in the address is a plain string: cut short, no control
 * characters. `justDisconnected`: the Strava card announces what the disconnect took and kept.
 */
export function noticesFrom(
  url: URL,
  doors: { provider: string; label: string; onConnect?: string }[] = [],
): {
  error: string | null;
  errorSource: string;
  disconnected: string | null;
  justDisconnected: boolean;
  connected: string | null;
  uploaded: string | null;
} {
  const clean = (raw: string | null, max: number) => {
    const text = raw?.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    if (!text) return null;
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  };
  const error = clean(url.searchParams.get('error'), 300);
  const gone = url.searchParams.get('disconnected');
  let disconnected: string | null = gone === 'already' ? 'Strava was already disconnected.' : null;
  // A live door's outcomes name the door; only registered providers are named, anything else reads as Strava's.
  const door = (name: string | null) => doors.find((d) => d.provider === name);
  const left = door(url.searchParams.get('left'));
  if (left) {
    const n = Number(url.searchParams.get('removed') ?? '0');
    disconnected =
      Number.isInteger(n) && n > 0
        ? `${left.label} disconnected. The ${n === 1 ? 'activity' : `${n} activities`} it brought ${n === 1 ? 'was' : 'were'} deleted.`
        : `${left.label} disconnected. Nothing new arrives from it; the activities it brought stay.`;
  }
  const joined = door(url.searchParams.get('connected'));
  const connected = joined
    ? `${joined.label} is connected. ${joined.onConnect ? `${joined.onConnect} ` : ''}New activities follow each sync.`
    : null;
  const errorSource = door(url.searchParams.get('source'))?.label ?? 'Strava';
  // The id of the import a form upload (without JavaScript) just created; the page names its file.
  const uploaded = url.searchParams.get('uploaded');
  return {
    error,
    errorSource,
    disconnected,
    justDisconnected: gone === 'strava',
    connected,
    uploaded: uploaded && /^[0-9a-f-]{36}$/i.test(uploaded) ? uploaded : null,
  };
}
