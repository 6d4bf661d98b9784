import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData } from '@remix-run/react';
import { CoachCommentsPage } from '~/components/comments/CoachCommentsPage';
import { CoachWorkoutCard } from '~/components/coach/workout/CoachWorkoutCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { requireMember, uuidParam } from '~/utils/coach.server';
import { requireViewer } from '~/utils/auth.server';
import { loadCoachWorkout } from '~/utils/coach-workout.server';
import { loadCoachComments } from '~/utils/comments.server';
import { isAppError } from '~/utils/forms.server';

// /coach/clients/:id/workouts/:workoutId — one of a linked client's planned workouts, its steps, targets and load
// (issue 55), with the org's conversation on it (ADR 056). Another org's client, an unlinked client or a revoked link is the 404 page.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.result.ok ? data.result.subject.title : 'Workout'} · ${data?.client.name ?? 'Client'} · Coach · Cadence` },
];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const clientId = uuidParam(args.params.id);
  const subjectId = uuidParam(args.params.workoutId);
  const client = await args.context.services.coach.getClient(m, clientId).catch((err: unknown) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  });
  const result = await loadCoachComments(args.context, m, clientId, { kind: 'workout', id: subjectId });
  const workout = result.ok ? await loadCoachWorkout(args.context, m, clientId, subjectId, result.subject.date) : null;
  // The coach's own units for distances, as on the client page.
  const { user } = await requireViewer(args);
  return { client: { id: client.id, name: client.name }, subjectId, result, workout, units: user.units, timeZone: m.org.timeZone };
}

export default function CoachWorkoutComments() {
  const d = useLoaderData<typeof loader>();
  return (
    <CoachCommentsPage client={d.client} kind="workout" subjectId={d.subjectId} result={d.result} timeZone={d.timeZone}>
      {d.workout && d.result.ok ? <CoachWorkoutCard w={d.workout} units={d.units} title={d.result.subject.title} /> : null}
    </CoachCommentsPage>
  );
}
