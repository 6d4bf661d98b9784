// The training page's library panel: the athlete's own library workouts, as few fields as the panel shows
// (the panel filters them in the browser; the library keeps at most 500 per list).
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import type { LibraryItem } from './library';

export async function loadLibraryPanel(context: AppLoadContext, viewer: Viewer): Promise<LibraryItem[]> {
  const rows = await context.services.library.list({ userId: viewer.user.id }, {});
  return rows.map((w) => ({
    id: w.id,
    title: w.title,
    sport: w.sport,
    durationSec: w.durationSec,
    distanceM: w.distanceM,
    targetLoad: w.targetLoad,
    folder: w.folder,
    tags: w.tags,
  }));
}
