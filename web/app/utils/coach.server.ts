import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { actorOf } from '../../../worker/http/guards';
import type { Member } from '../../../worker/features/coach-os';
import { TIERS } from '../../../worker/features/membership';
import type { CoachPlan } from '~/components/coach/settings/CoachPlanCard';
import { formatDate } from './format';
import { requireRoleViewer, requireViewer } from './auth.server';
import { isUuid } from '../../../worker/lib/ids';

type Args = { request: Request; context: AppLoadContext };

/** Coaches (and the platform owner) run a business console; everyone else gets the AI coach. */
export const isConsoleRole = (role: Viewer['user']['role']) => role === 'coach' || role === 'owner';

/** The viewer and, for a coach, their org membership (undefined until they create one). */
export async function coachViewer(args: Args): Promise<{ viewer: Viewer; member: Member | undefined }> {
  const viewer = await requireViewer(args);
  if (!isConsoleRole(viewer.user.role)) return { viewer, member: undefined };
  return { viewer, member: await args.context.services.coach.membership(actorOf(viewer)) };
}

/** For console pages: a coach with an org, or back to /coach (which offers to create one). */
export async function requireMember(args: Args): Promise<Member> {
  const viewer = await requireRoleViewer(args, 'coach', 'owner');
  const m = await args.context.services.coach.membership(actorOf(viewer));
  if (!m) throw redirect('/coach');
  return m;
}

/** A route param that must be a uuid; anything else is a 404 page (never a database error). */
export function uuidParam(value: string | undefined): string {
  if (!isUuid(value)) throw new Response('Not found', { status: 404 });
  return value;
}

/** The org's plan as console pages show it: Team or not, what gives it, its dates in the org's zone. */
export async function coachPlan(context: AppLoadContext, m: Member): Promise<CoachPlan & { seats: number }> {
  const status = await context.services.membership.orgStatus(m.org.id);
  const day = (d: Date | null) => (d ? formatDate(d, m.org.timeZone) : null);
  const sub = status.subscription;
  return {
    team: status.team,
    subscription: sub
      ? {
          renewsOn: sub.cancelAtPeriodEnd ? null : day(sub.currentPeriodEnd),
          endsOn: sub.cancelAtPeriodEnd ? day(sub.currentPeriodEnd) : null,
          pastDue: sub.access === 'past_due',
        }
      : null,
    compEndsOn: day(status.grant?.endsAt ?? null),
    seats: TIERS.team.seats ?? 1,
  };
}
