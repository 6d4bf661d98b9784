import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData, useSearchParams } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { NoPlan } from '~/components/plan/NoPlan';
import { PlanNotice } from '~/components/plan/PlanNotice';
import { TrainingPlan } from '~/components/plan/TrainingPlan';
import { Alert, ButtonLink, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';
import { requireViewer } from '~/utils/auth.server';
import { loadPlanNotice } from '~/utils/intake.server';
import { loadTraining } from '~/utils/plans.server';

// /training?view=week|month&date=YYYY-MM-DD — the active plan on a calendar in the athlete's time zone.
// Changes go through the JSON API from the browser, which then re-reads this loader.
export const meta: MetaFunction = () => [{ title: 'Training · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  // "Using your answers" and "Rebuild plan?" belong with the plan as well as on Home.
  const [training, notice] = await Promise.all([
    loadTraining(args.context, viewer, new URL(args.request.url)),
    loadPlanNotice(args.context, viewer),
  ]);
  return { ...training, notice };
}

export default function Training() {
  const user = useAppUser();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader
        eyebrow="Training"
        title="Your plan"
        description="Your workouts day by day, and how each went. Every week and workout says why it is there."
        actions={data.plan ? null : <ButtonLink to="/training/new">Create a plan</ButtonLink>}
      />
      {params.get('created') ? (
        <Alert tone="success" className="plan-created">
          Your plan is ready. Open any workout for its steps and the reason it is there.
        </Alert>
      ) : null}
      {data.notice ? <PlanNotice plan={data.notice} /> : null}
      {'range' in data && data.plan ? <TrainingPlan data={data} units={user.units} /> : <NoPlan />}
    </>
  );
}
