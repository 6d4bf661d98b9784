import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { actorOf } from '../../../worker/http/guards';
import type { Member } from '../../../worker/features/coach-os';
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
