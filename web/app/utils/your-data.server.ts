// Settings → Data, "Your data": the latest archive export and archive import, as the page shows them (times in
// the viewer's zone), and the two form posts (request an archive, import one).
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { actorOf } from '../../../worker/http/guards';
import { formatDateTime } from './format';
import { appErrorToForm } from './forms.server';
import { formatBytes } from './imports';

export interface ExportCardView {
  id: string;
  status: 'queued' | 'running' | 'ready' | 'expired' | 'failed';
  requestedAt: string;
  expiresAt: string | null;
  size: string | null;
  files: number;
  step: number;
  steps: number;
  error: string | null;
}

export interface ReimportCardView {
  status: 'queued' | 'running' | 'done' | 'failed';
  requestedAt: string;
  lines: string[];
  notRestored: { area: string; why: string }[];
  error: string | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export async function loadYourData(context: AppLoadContext, viewer: Viewer) {
  const { services } = context;
  const tz = viewer.user.timeZone;
  const [exports, reimports] = await Promise.all([
    services.privacyExport.list(viewer.user.id),
    services.privacyReimport.list(viewer.user.id),
  ]);
  const e = exports[0];
  const r = reimports[0];
  const exportView: ExportCardView | null = e
    ? {
        id: e.id,
        status: e.status,
        requestedAt: formatDateTime(e.requestedAt, tz),
        expiresAt: e.expiresAt ? formatDateTime(e.expiresAt, tz) : null,
        size: e.result ? formatBytes(e.result.bytes) : null,
        files: e.result?.files ?? e.progress.files,
        step: e.progress.step,
        steps: e.progress.steps,
        error: e.error,
      }
    : null;
  const rep = r?.report;
  const reimportView: ReimportCardView | null = r
    ? {
        status: r.status,
        requestedAt: formatDateTime(r.requestedAt, tz),
        lines: rep
          ? [
              `${plural(rep.activities.inArchive, 'activity', 'activities')} in the archive: ${rep.activities.fromFiles} from their original files, ${rep.activities.fromRows} from their saved records, ${rep.activities.alreadyThere} already here.`,
              `${plural(rep.uploads.restored, 'original file')} imported again${rep.uploads.alreadyThere ? `, ${rep.uploads.alreadyThere} already here` : ''}.`,
              `${plural(rep.plans.restored, 'plan')} with ${plural(rep.plans.workouts, 'workout')} and ${plural(rep.plans.changes, 'change')} in their history${rep.plans.pausedBecauseActive ? ' (paused: your current plan stays active)' : ''}.`,
              `${plural(rep.thresholds, 'threshold')}, ${plural(rep.notes, 'note')} on activities, ${plural(rep.wellness ?? 0, 'wellness reading')}${rep.settings ? ', your profile settings' : ''}${rep.preferences ? ' and notification preferences' : ''}.`,
            ]
          : [],
        notRestored: r.notRestored,
        error: r.error,
      }
    : null;
  return { export: exportView, reimport: reimportView };
}

export interface YourDataResult {
  ok: false;
  intent: 'export-request' | 'reimport';
  formError: string;
}

export async function requestExport(context: AppLoadContext, viewer: Viewer): Promise<YourDataResult | null> {
  try {
    await context.services.privacyExport.request(actorOf(viewer));
    return null;
  } catch (err) {
    return { ok: false, intent: 'export-request', formError: messageOf(err, 'The export could not be requested.') };
  }
}

export async function importArchive(
  context: AppLoadContext,
  viewer: Viewer,
  file: FormDataEntryValue | null,
): Promise<YourDataResult | null> {
  if (!file || typeof file === 'string' || file.size === 0)
    return { ok: false, intent: 'reimport', formError: 'Choose the archive (.zip) to import.' };
  try {
    await context.services.privacyReimport.accept(actorOf(viewer), { size: file.size, body: file });
    return null;
  } catch (err) {
    return { ok: false, intent: 'reimport', formError: messageOf(err, 'The archive could not be imported.') };
  }
}

/** The refusal's own words (a field's, when the message only repeated it: "which file" matters here). */
function messageOf(err: unknown, fallback: string): string {
  const f = appErrorToForm(err);
  return f.formError ?? Object.values(f.fieldErrors)[0] ?? fallback;
}
