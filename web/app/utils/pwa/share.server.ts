import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../../worker/context';
import { actorOf } from '../../../../worker/http/guards';
import { MULTIPART_MAX_BYTES } from '../../../../worker/features/ingest';
import { appErrorToForm } from '../forms.server';

export type ShareResult = { ok: true; ids: string[] } | { ok: false; formError: string };

const ACTIVITY_FILE = /\.(fit|gpx|tcx)(\.gz)?$/i;

/**
 * Files from the share sheet, each imported as an upload would be (the imports queue parses them). Only
 * activity files: a share of anything else is refused with the reason, before anything is stored.
 */
export async function importSharedFiles(context: AppLoadContext, viewer: Viewer, entries: FormDataEntryValue[]): Promise<ShareResult> {
  const files = entries.filter((e): e is File => typeof e !== 'string' && e.size > 0);
  if (!files.length) return { ok: false, formError: 'Nothing was shared: choose a FIT, GPX or TCX file.' };
  const other = files.find((f) => !ACTIVITY_FILE.test(f.name));
  if (other) return { ok: false, formError: `${other.name} is not a FIT, GPX or TCX file (or a .gz of one).` };
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MULTIPART_MAX_BYTES)
    return { ok: false, formError: 'Shared files are limited to 25 MiB; upload larger exports on Settings → Data.' };
  const ids: string[] = [];
  try {
    for (const file of files)
      ids.push((await context.services.imports.accept(actorOf(viewer), { name: file.name, size: file.size, body: file })).id);
  } catch (err) {
    const { formError, fieldErrors } = appErrorToForm(err);
    return { ok: false, formError: formError ?? Object.values(fieldErrors)[0] ?? 'The file could not be imported. Try again.' };
  }
  return { ok: true, ids };
}
