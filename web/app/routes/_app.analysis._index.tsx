import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { useLoaderData } from '@remix-run/react';
import { CurveCard } from '~/components/analysis/CurveCard';
import { CurveControls } from '~/components/analysis/CurveControls';
import { ModelCard } from '~/components/analysis/ModelCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, ButtonLink, Card, EmptyState, Icon } from '~/components/ui';
import { type AnalysisParams, CURVE_KINDS, type CurveView, SPORT_LABELS } from '~/utils/analysis';
import { loadAnalysis } from '~/utils/analysis.server';
import { dayRange } from '~/utils/analytics-format';
import { requireViewer } from '~/utils/auth.server';

export const meta: MetaFunction = () => [{ title: 'Curves · Analysis · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadAnalysis(args.context, viewer, new URL(args.request.url));
}

const RANGE_NAMES = {
  '42d': 'Last 42 days',
  '90d': 'Last 90 days',
  season: 'This season',
  year: 'Last 12 months',
  all: 'All time',
} as const;

/** What the legend and the table call each curve: the span's name and its dates. */
function spanLabels(p: AnalysisParams, c: CurveView): { main: string; compare: string | null } {
  const main = `${p.range === 'custom' && c.curve.span.label === 'custom' ? 'Custom' : (RANGE_NAMES[c.curve.span.label as keyof typeof RANGE_NAMES] ?? 'This season')} (${dayRange(c.curve.span.from, c.curve.span.to)})`;
  if (!c.compare) return { main, compare: null };
  const name =
    p.compare === 'last-season' || c.compare.span.label === 'last season'
      ? 'Last season'
      : p.compare === 'previous'
        ? 'Previous'
        : 'Compared';
  return { main, compare: `${name} (${dayRange(c.compare.span.from, c.compare.span.to)})` };
}

export default function AnalysisCurves() {
  const { params, notes, curve, models, empty, activityCount } = useLoaderData<typeof loader>();
  const kindLabel = CURVE_KINDS.find((k) => k.value === params.kind)!.label;
  const title = `${kindLabel} curve · ${SPORT_LABELS[params.sport]}`;
  return (
    <div className="analysis">
      <CurveControls params={params} />
      {notes.map((n) => (
        <Alert key={n} tone="warning">
          {n}
        </Alert>
      ))}
      {empty ? (
        <Card id="curve" title={title}>
          {activityCount === 0 ? (
            <EmptyState
              icon={<Icon name="chart" />}
              title="No activities yet"
              level={3}
              actions={<ButtonLink to="/settings/data">Upload files or connect a service</ButtonLink>}
            >
              <p>
                Once activities with power, pace or heart rate arrive, this page draws your best effort for every duration, from 5 seconds
                to hours: this season against the last, and your critical power and W′ fitted from them.
              </p>
              <p>Every point leads back to the activity and the moment it came from.</p>
            </EmptyState>
          ) : (
            <EmptyState icon={<Icon name="chart" />} title={`No ${kindLabel.toLowerCase()} recorded in this range`} level={3}>
              <p>
                None of your {SPORT_LABELS[params.sport].toLowerCase()}s in these dates has a {kindLabel.toLowerCase()} recording. Try a
                longer range (All time), another sport, or heart rate.
              </p>
            </EmptyState>
          )}
        </Card>
      ) : (
        <CurveCard curve={curve} models={models} labels={spanLabels(params, curve)} title={title} />
      )}
      {models && activityCount !== 0 ? <ModelCard models={models} /> : null}
    </div>
  );
}
