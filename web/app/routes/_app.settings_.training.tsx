import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { ModelHistoryCard } from '~/components/analytics/ModelHistoryCard';
import { CalendarFeedCard } from '~/components/plan/CalendarFeedCard';
import { AddThreshold, CurrentThresholds, ThresholdHistory } from '~/components/settings/ThresholdsSections';
import { PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { addThreshold, loadThresholds, removeThreshold } from '~/utils/thresholds.server';

// /settings/training: like Data sources, its own page (the trailing underscore keeps it out of Settings' layout).
export const meta: MetaFunction = () => [{ title: 'Training thresholds · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const thresholds = await loadThresholds(args.context, viewer);
  const entitlements = await args.context.services.membership.entitlements(viewer.user.id);
  return { ...thresholds, exportsEntitled: entitlements.features.exports, timeZone: viewer.user.timeZone };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  if (values.intent === 'add') {
    const result = await addThreshold(args.context, viewer, values);
    return data(result, { status: result.ok ? 200 : 400 });
  }
  if (values.intent === 'delete') {
    const result = await removeThreshold(args.context, viewer, values.id);
    return data(result, { status: result.ok ? 200 : 400 });
  }
  throw new Response('Unknown action', { status: 400 });
}

export default function TrainingThresholds() {
  const { thresholds, history, units, today, exportsEntitled, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="Training thresholds"
        description="The values your training load is measured against: power, pace and heart rate. Without them, Cadence estimates them each week from your own earlier efforts."
      />
      <div className="stack">
        <CurrentThresholds thresholds={thresholds} today={today} />
        <AddThreshold units={units} today={today} result={result?.intent === 'add' ? result : undefined} />
        <ThresholdHistory thresholds={thresholds} today={today} result={result?.intent === 'delete' ? result : undefined} />
        <ModelHistoryCard ride={history.ride} run={history.run} />
        <CalendarFeedCard entitled={exportsEntitled} timeZone={timeZone} />
      </div>
    </>
  );
}
