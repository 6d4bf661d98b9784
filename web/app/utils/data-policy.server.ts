import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { UPLOAD_PATH } from '../../../worker/features/activities';

/** What the strict data policy leaves out of the athlete's figures, said where the figures are (ADR 036). */
export interface PolicyNotice {
  /** Strava API activities shown in the list but not counted in analytics, the calendar or the plan. */
  leftOut: number;
  href: string;
}

/**
 * Null in the default mode, or when nothing is left out: the pages then read exactly as before. The
 * difference of the owner's and the analytics' counts is what the policy keeps out, whatever the source.
 */
export async function loadPolicyNotice(context: AppLoadContext, viewer: Viewer): Promise<PolicyNotice | null> {
  const { activities } = context.services;
  const policy = await activities.policy();
  if (policy.mode === 'default') return null;
  const [all, counted] = await Promise.all([activities.count(viewer.user.id, 'owner'), activities.count(viewer.user.id, 'analytics')]);
  const leftOut = Math.max(0, all - counted);
  return leftOut > 0 ? { leftOut, href: UPLOAD_PATH } : null;
}
