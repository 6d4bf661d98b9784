// Wellness from a live door (Polar's nights, ADR 072) for the pages: the consent on Data sources and the one line on
// /wellness — the same service the API uses, refused while impersonating as its route is.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { refuseWhileImpersonating } from '../../../worker/http/guards';
import { appErrorToForm } from './forms.server';
import { formatDateTime } from './format';

export interface DoorWellnessView {
  provider: string;
  label: string;
  connected: boolean;
  enabled: boolean;
  /** When the last poll ran, in the athlete's time zone; null before the first. */
  lastPoll: string | null;
  lastPollRecords: number | null;
  windowDays: number;
}

export type DoorWellnessFormResult = { ok: false; intent: 'door-wellness'; provider: string; formError: string } | null;

export async function loadDoorWellness(context: AppLoadContext, viewer: Viewer): Promise<DoorWellnessView[]> {
  const views = await context.services.fileDoors.wellness.views(viewer.user.id);
  return views.map((w) => ({
    provider: w.provider,
    label: w.label,
    connected: w.connected,
    enabled: w.enabled,
    lastPoll: w.lastPollAt ? formatDateTime(w.lastPollAt, viewer.user.timeZone) : null,
    lastPollRecords: w.lastPollRecords,
    windowDays: w.windowDays,
  }));
}

export async function setDoorWellness(
  context: AppLoadContext,
  viewer: Viewer,
  values: Record<string, string>,
): Promise<DoorWellnessFormResult> {
  refuseWhileImpersonating(viewer, 'change which health data comes in from a data source');
  const provider = values.provider ?? '';
  try {
    await context.services.fileDoors.wellness.setEnabled(viewer.user.id, provider, values.enabled === 'on');
    return null;
  } catch (err) {
    return {
      ok: false,
      intent: 'door-wellness',
      provider,
      formError: appErrorToForm(err).formError ?? 'This could not be changed. Try again.',
    };
  }
}
