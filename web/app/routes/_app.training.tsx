import { PolicyNoticeAlert } from '~/components/PolicyNoticeAlert';
import { loadPolicyNotice } from '~/utils/data-policy.server';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { CalendarWithLibrary } from '~/components/plan/LibraryPanel';
import { NoPlan } from '~/components/plan/NoPlan';
import { PlanCalendar } from '~/components/plan/PlanCalendar';
import { PlanNotice } from '~/components/plan/PlanNotice';
import { TrainingPlan, trainingHref } from '~/components/plan/TrainingPlan';
import { TrainingToolbar } from '~/components/plan/TrainingToolbar';
import { Alert, cx, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';
import { requireViewer } from '~/utils/auth.server';
import { loadAthleteComments } from '~/utils/comments.server';
import { loadPlanNotice } from '~/utils/intake.server';
import { loadLibraryPanel } from '~/utils/library.server';
import { loadTraining } from '~/utils/plans.server';
import { loadPlanChanges, proposedByWeek } from '~/utils/adapt.server';

// /training?view=week|month&date=YYYY-MM-DD — the athlete's calendar in their time zone: what they did,
// beside the plan's workouts when they have a plan. Changes go through the JSON API from the browser,
// which then re-reads this loader.
export const meta: MetaFunction = () => [{ title: 'Training · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  // "Using your answers" and "Rebuild plan?" belong with the plan as well as on Home.
  const url = new URL(args.request.url);
  const workoutId = url.searchParams.get('workout');
  const [training, notice, policyNotice, library, workoutComments, changes] = await Promise.all([
    loadTraining(args.context, viewer, url),
    loadPlanNotice(args.context, viewer),
    loadPolicyNotice(args.context, viewer),
    loadLibraryPanel(args.context, viewer),
    // A link that opens a workout's drawer (a comment notice's) gets its conversation with the page, as an activity's page does.
    workoutId ? loadAthleteComments(args.context, viewer, { kind: 'workout', id: workoutId }) : null,
    // The plan's changes, read once: the weeks whose workouts a change waiting for a decision names say so.
    loadPlanChanges(args.context, viewer),
  ]);
  const proposedWeeks = training.hasPlan ? proposedByWeek(changes, training.workouts) : {};
  return { ...training, notice, policyNotice, library, workoutComments, proposedWeeks };
}

export default function Training() {
  const user = useAppUser();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const loading = navigation.state === 'loading' && navigation.location.pathname === '/training';
  return (
    <>
      <PageHeader
        eyebrow="Training"
        title={data.plan ? 'Your plan' : 'Your training'}
        description={
          data.plan
            ? 'What you did beside what you planned, day by day, and how each workout went. Every week and workout says why it is there.'
            : 'What you did, day by day and week by week.'
        }
      />
      {params.get('created') ? (
        <Alert tone="success" className="plan-created">
          Your plan is ready. Open any workout for its steps and the reason it is there.
        </Alert>
      ) : null}
      {data.notice ? <PlanNotice plan={data.notice} /> : null}
      <PolicyNoticeAlert notice={data.policyNotice} where="on this calendar" />
      {data.hasPlan ? (
        <TrainingPlan data={data} library={data.library} units={user.units} workoutComments={data.workoutComments} />
      ) : (
        <>
          <NoPlan />
          <TrainingToolbar range={data.range} today={data.today} href={trainingHref} />
          <p className="plan-hint">Open a done activity for its page.</p>
          {/* Without a plan the library is there to browse; it says a plan comes first (its workouts go on a plan's days). */}
          <CalendarWithLibrary items={data.library} units={user.units} plan={null} today={data.today} busy={false}>
            <div className={cx('plan-frame', loading && 'is-loading')}>
              <PlanCalendar
                range={data.range}
                calendar={data.calendar}
                units={user.units}
                label="Your training calendar"
                activityHref={(id) => `/activities/${id}`}
              />
            </div>
          </CalendarWithLibrary>
        </>
      )}
    </>
  );
}
