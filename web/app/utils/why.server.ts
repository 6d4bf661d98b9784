// "Why this trend?" as a page (works without JavaScript: the charts link here with their window).
import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { athleteOf } from './analytics.server';
import { isAppError } from './forms.server';
import type { WhyChartName } from './why';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayParam = (url: URL, k: string) => {
  const v = url.searchParams.get(k);
  return v && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined;
};

/** The answer for `?chart=&from=&to=`, or the reason it cannot be given (a range the API refuses). */
export async function loadWhy(context: AppLoadContext, viewer: Viewer, url: URL) {
  const raw = url.searchParams.get('chart');
  const chart: WhyChartName = raw === 'fitness' || raw === 'weight' ? raw : 'efficiency';
  try {
    const answer = await context.services.wellnessWhy.why(athleteOf(viewer), {
      chart,
      from: dayParam(url, 'from'),
      to: dayParam(url, 'to'),
    });
    return { chart, answer, error: null };
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION') return { chart, answer: null, error: err.message };
    throw err;
  }
}

export type WhyView = Awaited<ReturnType<typeof loadWhy>>;
