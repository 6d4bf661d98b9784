// The patterns page: the N=1 engine's findings through the same service and views as GET /api/v1/wellness/findings,
// each finding with the days behind it (its receipts) so they are one click away without another request.
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { athleteOf } from '../../../worker/features/analytics';

/** A finding's receipts listed on the page: the newest days (the API's /findings/{key} has them all). */
export const RECEIPTS_LISTED = 60;

export async function loadPatterns(context: AppLoadContext, viewer: Viewer) {
  const engine = context.services.wellnessEngine;
  const a = athleteOf(viewer.user);
  const answer = await engine.findings(a);
  const findings = await Promise.all(
    answer.findings.map(async (f) => {
      const q = await engine.question(a, f.key);
      // The scatter needs only the numbers; the list, the newest days with their receipts.
      return { ...f, points: q.pairs.map((p) => ({ x: p.x, y: p.y })), listed: q.pairs.slice(-RECEIPTS_LISTED).reverse() };
    }),
  );
  return { ...answer, findings };
}

export type PatternsView = Awaited<ReturnType<typeof loadPatterns>>;
