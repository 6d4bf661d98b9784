import { PolicyNoticeAlert } from '~/components/PolicyNoticeAlert';
import { TimeZoneQuestion } from '~/components/TimeZoneQuestion';
import { loadPolicyNotice } from '~/utils/data-policy.server';
import { type ActionFunctionArgs, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { BestsCard } from '~/components/analytics/BestsCard';
import { EfficiencyCard } from '~/components/analytics/EfficiencyCard';
import { FormCard } from '~/components/analytics/FormCard';
import { HeatmapCard } from '~/components/analytics/HeatmapCard';
import { InsightsCard } from '~/components/analytics/InsightsCard';
import { PmcCard } from '~/components/analytics/PmcCard';
import { SportSplitCard, VolumeCard } from '~/components/analytics/VolumeCards';
import { IngestionCard } from '~/components/data/IngestionCard';
import { TodayCard } from '~/components/plan/TodayCard';
import { InstallCard } from '~/components/pwa/InstallCard';
import { CheckInCard } from '~/components/wellness/CheckInCard';
import { usePolling } from '~/components/data/usePolling';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { PlanNotice } from '~/components/plan/PlanNotice';
import { PlanChangesCard } from '~/components/plan/PlanChanges';
import { ADAPT_INTENTS, adaptAction, homeChanges, loadPlanChanges } from '~/utils/adapt.server';
import { Alert, Card, EmptyState, Icon, LiveRegion, PageHeader } from '~/components/ui';
import { useAppUser } from '~/components/useAppUser';
import { loadDashboard } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { isActive } from '~/utils/ingestion';
import { loadIngestion } from '~/utils/ingestion.server';
import { landingFor, meantOwnHome } from '~/utils/landing.server';
import { hasAnswers, loadPlanNotice } from '~/utils/intake.server';
import { loadToday } from '~/utils/plans.server';
import { formValues } from '~/utils/forms.server';
import { loadCheckIn, saveCheckIn } from '~/utils/wellness.server';

export const meta: MetaFunction = () => [{ title: 'Home · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const url = new URL(args.request.url);
  // A coach opening Home lands on their console; their own Home is one click away in the navigation.
  if (!meantOwnHome(url) && (await landingFor(args.context, viewer.user)) === '/coach') throw redirect('/coach');
  // Just connected (or signed up with Strava) and never offered the questions: they fill the import's first minute.
  if (url.searchParams.get('connected') === 'strava' && !(await hasAnswers(args.context, viewer)))
    throw redirect('/onboarding?connected=strava');
  const [ingestion, dashboard, plan, today, policyNotice, checkIn, changes] = await Promise.all([
    loadIngestion(args.context, viewer),
    loadDashboard(args.context, viewer, url),
    loadPlanNotice(args.context, viewer),
    loadToday(args.context, viewer),
    loadPolicyNotice(args.context, viewer),
    loadCheckIn(args.context, viewer, url),
    loadPlanChanges(args.context, viewer),
  ]);
  const planChanges = changes ? { planId: changes.planId, items: homeChanges(changes) } : null;
  return { ingestion, dashboard, plan, today, policyNotice, checkIn, planChanges };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  if (values.intent === 'checkin') return saveCheckIn(args.context, viewer, values);
  // The plan changes card's Confirm / Not now / Undo.
  if (ADAPT_INTENTS.includes(values.intent ?? '')) return adaptAction(args.context, viewer, values);
  throw new Response('Unknown action', { status: 400 });
}

/** "?connected=strava" from the OAuth callback: said once, then dropped from the address so a reload doesn't repeat it. */
function useJustConnected(): boolean {
  const [params, setParams] = useSearchParams();
  const [connected] = useState(() => params.get('connected') === 'strava');
  useEffect(() => {
    if (!params.has('connected')) return;
    setParams(
      (p) => {
        p.delete('connected');
        return p;
      },
      { replace: true, preventScrollReset: true },
    );
  }, [params, setParams]);
  return connected;
}

export default function Home() {
  const user = useAppUser();
  const { ingestion, dashboard, plan, today, policyNotice, checkIn, planChanges } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // The action answers one of two forms: the check-in's or the plan changes card's.
  const changed = answer && 'adapt' in answer ? answer : undefined;
  const saved = answer && !('adapt' in answer) ? answer : undefined;
  const justConnected = useJustConnected();
  const importing = isActive(ingestion.current?.status) && !ingestion.paused;
  // With a dashboard on the page, a slower refresh: each one re-reads every card.
  const hasActivities = ingestion.activityCount > 0;
  usePolling(importing, hasActivities ? 5000 : 2000);
  // The import card stays while there is something to say about it: running, waiting, stopped or paused.
  const showIngestion = !hasActivities || ingestion.paused || (ingestion.current !== null && ingestion.current.status !== 'done');
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.displayName}`}
        description={
          hasActivities
            ? 'Your training, computed from your own activities. Charts, bests and insights lead back to the activities behind them.'
            : "This is where your training comes together. There's nothing to show yet — here's what will appear, and what you can do now."
        }
      />
      <LiveRegion>
        {justConnected ? (
          <Alert tone="success" announce={false}>
            Strava connected.
          </Alert>
        ) : null}
      </LiveRegion>
      <TimeZoneQuestion />

      {/* What the plan proposes from the athlete's real week comes before the day's workouts it may change. */}
      {planChanges ? <PlanChangesCard items={planChanges.items} planId={planChanges.planId} result={changed} /> : null}
      <TodayCard today={today} units={user.units} />
      {/* The install is offered once there is something to carry: a plan or imported activities. */}
      {today.plan || hasActivities ? <InstallCard /> : null}
      {/* A first day: getting training in comes first, the check-in after it. */}
      {hasActivities ? <CheckInCard view={checkIn} result={saved} /> : null}
      {plan ? <PlanNotice plan={plan} /> : null}

      {showIngestion ? (
        <IngestionCard ingestion={ingestion} />
      ) : (
        // Once the import is done the card steps aside; one line still says where the numbers come from.
        <p className="dashboard-source">
          <Icon name="check" className="icon icon-sm" /> {ingestion.activityCount}{' '}
          {ingestion.activityCount === 1 ? 'activity' : 'activities'} {ingestion.current?.status === 'done' ? 'imported' : 'in Cadence'}.{' '}
          <Link to="/activities">See your activities</Link> · <Link to="/settings/data">Data sources</Link>
        </p>
      )}

      <PolicyNoticeAlert notice={policyNotice} where="in these figures" />
      {hasActivities ? null : <CheckInCard view={checkIn} result={saved} />}

      {hasActivities ? (
        <Dashboard dashboard={dashboard} importing={importing} />
      ) : (
        // In the dashboard's grid, so it keeps the same spacing from the card above as the full dashboard does.
        <div className="dashboard">
          <Card id="fitness" title="Fitness, fatigue & form">
            <EmptyState icon={<Icon name="activity" />} title="No activities yet" level={3}>
              <p>
                Once activities arrive you'll see <strong>fitness</strong> (your long-term training load), <strong>fatigue</strong> (the
                last week or so) and <strong>form</strong> (the balance of the two).
              </p>
              <p>Each number will link to the activities it came from, so you can check it.</p>
            </EmptyState>
          </Card>
        </div>
      )}

      <p className="detail">
        <Icon name="settings" className="icon icon-sm" /> Distances in {user.units === 'mi' ? 'miles' : 'kilometres'}.{' '}
        <Link to="/settings">Change units or time zone</Link> · <Link to="/settings/training">Training thresholds</Link> ·{' '}
        <Link to="/settings/data">Data sources</Link>
      </p>
    </>
  );
}

type DashboardData = ReturnType<typeof useLoaderData<typeof loader>>['dashboard'];

function Dashboard({ dashboard: d, importing }: { dashboard: DashboardData; importing: boolean }) {
  const firstYear = d.fitness.firstDay ? Number(d.fitness.firstDay.slice(0, 4)) : null;
  return (
    <div className="dashboard">
      {importing ? (
        <p className="dashboard-note">
          <Icon name="activity" className="icon icon-sm" /> Your history is still arriving, so these numbers cover what has been imported so
          far. They update as it comes in.
        </p>
      ) : null}
      <div className="dashboard-row dashboard-row-form">
        <FormCard fitness={d.fitness} />
        <PmcCard fitness={d.fitness} range={d.params.range} units={d.fitness.units} />
      </div>
      <InsightsCard insights={d.insights} />
      <div className="dashboard-row dashboard-row-volume">
        <VolumeCard volume={d.volume} metric={d.params.volume} />
        <SportSplitCard sports={d.sports} units={d.sports.units} />
      </div>
      <HeatmapCard heatmap={d.heatmap} today={d.today} firstYear={firstYear} />
      <BestsCard bests={d.bests} ageGrades={d.ageGrades} />
      <EfficiencyCard efficiency={d.efficiency} />
    </div>
  );
}
