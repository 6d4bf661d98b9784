import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { AutoSetting, HealthNotes, RaceMoved } from '~/components/plan/AdaptForms';
import { ChangeItem, ChangeResult } from '~/components/plan/PlanChanges';
import { ButtonLink, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { ADAPT_INTENTS, adaptAction, loadPlanChanges } from '~/utils/adapt.server';
import { athleteOf } from '~/utils/analytics.server';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';

// /training/changes — every change the plan proposed from the athlete's real week (issue 58), newest first with its
// status and dates; the opt-in for small changes; illness and injury notes; a moved race. Forms post here.
export const meta: MetaFunction = () => [{ title: 'Plan changes · Training · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const changes = await loadPlanChanges(args.context, viewer);
  if (!changes) return { changes: null, notes: [] };
  const notes = await args.context.services.adapt.healthNotes(athleteOf(viewer), changes.planId);
  return {
    changes,
    notes: notes.map((n) => ({ id: n.id, kind: n.kind as 'illness' | 'injury', from: n.fromDay, to: n.toDay, note: n.note })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  if (!ADAPT_INTENTS.includes(values.intent ?? '')) throw new Response('Unknown action', { status: 400 });
  const out = await adaptAction(args.context, viewer, values);
  return out.ok ? out : data(out, { status: 400 });
}

export default function PlanChangesPage() {
  const { changes, notes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        eyebrow="Training"
        title="Plan changes"
        description={
          <>
            Your plan re-plans the coming days from your real week — a missed session, how one went, a low-readiness morning, an illness.
            Each change says why, and you stay in charge. <Link to="/training">See your plan</Link>
          </>
        }
      />
      {!changes ? (
        <Card>
          <EmptyState icon={<Icon name="calendar" />} title="No active plan" level={2}>
            <p>Changes are proposed for an active plan. Build one and they show here.</p>
            <ButtonLink to="/training/new">Build your plan</ButtonLink>
          </EmptyState>
        </Card>
      ) : (
        <>
          <ChangeResult result={result} />
          <Card id="changes" title="Changes" className="adapt-card">
            {changes.items.length === 0 ? (
              <EmptyState icon={<Icon name="check" />} title="No changes yet" level={3}>
                <p>
                  When a day goes differently from the plan, the change it would make shows here with its reason
                  {changes.waitsForCoach ? ', and goes to your coach to decide' : ', for you to confirm or set aside'}.
                </p>
              </EmptyState>
            ) : (
              <ul className="plan-change-list">
                {changes.items.map((c) => (
                  <ChangeItem key={c.id} c={c} planId={changes.planId} />
                ))}
              </ul>
            )}
          </Card>
          <div className="adapt-grid">
            <div className="adapt-col">
              {changes.waitsForCoach ? (
                <Card id="auto" title="Small changes" className="adapt-card">
                  <p className="card-description">Your coach decides your plan’s changes, so none applies on its own.</p>
                </Card>
              ) : (
                <AutoSetting planId={changes.planId} auto={changes.auto} />
              )}
              {changes.eventDate ? (
                <RaceMoved planId={changes.planId} eventDate={changes.eventDate} today={changes.today} result={result} />
              ) : null}
            </div>
            <HealthNotes
              key={notes.length}
              planId={changes.planId}
              notes={notes}
              today={changes.today}
              waitsForCoach={changes.waitsForCoach}
              result={result}
            />
          </div>
        </>
      )}
    </>
  );
}
