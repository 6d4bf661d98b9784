import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData } from '@remix-run/react';
import { CoachCommentsPage } from '~/components/comments/CoachCommentsPage';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { requireMember, uuidParam } from '~/utils/coach.server';
import { loadCoachComments } from '~/utils/comments.server';
import { isAppError } from '~/utils/forms.server';

// /coach/clients/:id/activities/:activityId — the org's conversation with a linked client on one of their activities
// (ADR 056). Another org's client, an unlinked client or a revoked link is the 404 page.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.result.ok ? data.result.subject.title : 'Activity'} · ${data?.client.name ?? 'Client'} · Coach · Cadence` },
];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const clientId = uuidParam(args.params.id);
  const subjectId = uuidParam(args.params.activityId);
  const client = await args.context.services.coach.getClient(m, clientId).catch((err: unknown) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  });
  const result = await loadCoachComments(args.context, m, clientId, { kind: 'activity', id: subjectId });
  return { client: { id: client.id, name: client.name }, subjectId, result, timeZone: m.org.timeZone };
}

export default function CoachActivityComments() {
  const d = useLoaderData<typeof loader>();
  return <CoachCommentsPage client={d.client} kind="activity" subjectId={d.subjectId} result={d.result} timeZone={d.timeZone} />;
}
