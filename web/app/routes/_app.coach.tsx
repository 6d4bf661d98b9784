import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Outlet, useActionData, useLoaderData } from '@remix-run/react';
import { CoachNav } from '~/components/coach/CoachNav';
import { CreateOrgForm, type CreateOrgResult } from '~/components/coach/CreateOrgForm';
import { InvitationsCard } from '~/components/coach/InvitationsCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { requireRoleViewer } from '~/utils/auth.server';
import { coachViewer, isConsoleRole } from '~/utils/coach.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { timeZoneGroups } from '~/utils/time-zones';
import type { Viewer } from '../../../worker/context';
import { actorOf } from '../../../worker/http/guards';
import { CreateOrgInput } from '../../../worker/features/coach-os';
import { isUuid } from '../../../worker/lib/ids';

// /coach: the business console. Athletes are sent to their AI coach (/ai-coach); a coach without an
// organisation creates one; a coach with one gets the console (sub-navigation + the child pages).
export const meta: MetaFunction = () => [{ title: 'Coach · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

type InvitationResult = { invitationError: string };

export async function loader(args: LoaderFunctionArgs) {
  const { viewer, member } = await coachViewer(args);
  if (!isConsoleRole(viewer.user.role)) {
    // An athlete who opens /coach meant their coach; the console's own pages stay a 403 for them.
    if (new URL(args.request.url).pathname.replace(/\/$/, '') === '/coach') throw redirect('/ai-coach');
    await requireRoleViewer(args, 'coach', 'owner');
  }
  if (!member) {
    const invitations = await args.context.services.team.invitationsFor(viewer.user);
    return { kind: 'setup' as const, timeZone: viewer.user.timeZone, timeZones: timeZoneGroups(viewer.user.timeZone), invitations };
  }
  return { kind: 'console' as const, org: { name: member.org.name, timeZone: member.org.timeZone, role: member.role } };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireRoleViewer(args, 'coach', 'owner');
  const values = formValues(await args.request.formData());
  if (values.intent === 'accept-invite' || values.intent === 'decline-invite')
    return invitationAction(viewer, values.intent, values.inviteId ?? '', args);
  if (values.intent !== 'create-org') throw new Response('Unknown action', { status: 400 });
  const kept = { name: values.name ?? '', timeZone: values.timeZone ?? '' };
  const parsed = parseValues(kept, CreateOrgInput, { messages: { name: 'Enter your business’s name (up to 120 characters)' } });
  if (!parsed.ok)
    return data<CreateOrgResult>(
      { ok: false, fieldErrors: parsed.fieldErrors, formError: parsed.formError, values: kept },
      { status: 400 },
    );
  try {
    await args.context.services.coach.createOrg(actorOf(viewer), parsed.data);
  } catch (err) {
    const f = appErrorToForm(err);
    // Already in one (a second tab): the console is what they want.
    if (f.code === 'CONFLICT') throw redirect('/coach');
    return data<CreateOrgResult>({ ok: false, fieldErrors: f.fieldErrors, formError: f.formError, values: kept }, { status: f.status });
  }
  throw redirect('/coach');
}

/** Joining (or declining) an org that invited this coach; a stale invitation says so on the page. */
async function invitationAction(viewer: Viewer, intent: 'accept-invite' | 'decline-invite', inviteId: string, args: ActionFunctionArgs) {
  const team = args.context.services.team;
  if (!isUuid(inviteId)) return data<InvitationResult>({ invitationError: 'That invitation is no longer open.' }, { status: 404 });
  try {
    if (intent === 'accept-invite') await team.accept(actorOf(viewer), viewer.user, inviteId);
    else await team.decline(actorOf(viewer), viewer.user, inviteId);
  } catch (err) {
    const f = appErrorToForm(err);
    const message = f.code === 'NOT_FOUND' ? 'That invitation is no longer open.' : (f.formError ?? 'That did not work. Please try again.');
    return data<InvitationResult>({ invitationError: message }, { status: f.status });
  }
  throw redirect('/coach');
}

export default function CoachLayout() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (loaded.kind === 'setup') {
    const invitationError = result && 'invitationError' in result ? result.invitationError : undefined;
    const orgResult = result && !('invitationError' in result) ? result : undefined;
    return (
      <CreateOrgForm defaultTimeZone={loaded.timeZone} timeZones={loaded.timeZones} result={orgResult}>
        <InvitationsCard invitations={loaded.invitations} timeZone={loaded.timeZone} error={invitationError} />
      </CreateOrgForm>
    );
  }
  return (
    <div className="coach-console">
      <CoachNav orgName={loaded.org.name} />
      <Outlet />
    </div>
  );
}
