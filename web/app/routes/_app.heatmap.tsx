// The personal heatmap (issue 57, ADR 100): every route the athlete recorded, by sport and months, on a map only
// they see. The summary comes from the same service as GET /api/v1/maps/heatmap/summary; the tiles from its PNG route.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { MapsTabs } from '~/components/maps/MapsTabs';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { HeatmapFrame } from '~/components/heatmap/HeatmapFrame';
import { activitiesIn, PRESET_LABELS, PRESETS, readFilter, tileTemplate } from '~/components/heatmap/heatmap-filter';
import { Card, EmptyState, Field, Icon, PageHeader, SelectField, SubmitButton } from '~/components/ui';
import { sportLabel } from '~/utils/analytics';
import { attributionText } from '~/utils/attribution';
import { requireViewer } from '~/utils/auth.server';

export const meta: MetaFunction = () => [{ title: 'Heatmap · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const summary = await args.context.services.heatmap.summary(viewer.user.id);
  const filter = readFilter(
    new URL(args.request.url).searchParams,
    new Date(),
    summary.sports.map((s) => s.sport),
  );
  return { summary, filter, maxZoom: 14 };
}

const monthLabel = (m: string) =>
  new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export default function HeatmapPage() {
  const { summary, filter, maxZoom } = useLoaderData<typeof loader>();
  // The tile template needs the page's origin, known only in the browser (the map is drawn only there).
  const [origin, setOrigin] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);
  const shown = activitiesIn(summary.months, filter);
  return (
    <>
      <PageHeader
        title="Heatmap"
        description="Every route you recorded, brighter where you have been more often. Private: only you can see it — not your followers, not your coach, not a public profile."
      />
      <MapsTabs />
      {summary.activities === 0 || !summary.bbox ? (
        <Card>
          <EmptyState icon={<Icon name="chart" />} title="Not enough data yet">
            <p>
              Your heatmap appears once an activity with GPS positions is in your history: <Link to="/activities">import or upload</Link>{' '}
              runs, rides or walks recorded outdoors. New ones are added within a few minutes of arriving.
            </p>
          </EmptyState>
        </Card>
      ) : (
        <div className="stack routeheat">
          <Form method="get" className="routeheat-filter" aria-label="Heatmap filter">
            <SelectField
              label="Sport"
              name="sport"
              defaultValue={filter.sport ?? ''}
              groups={[
                {
                  label: 'Sport',
                  options: [
                    { value: '', label: 'All sports' },
                    ...summary.sports.map((s) => ({ value: s.sport, label: sportLabel(s.sport) })),
                  ],
                },
              ]}
            />
            <SelectField
              label="When"
              name="range"
              defaultValue={filter.preset}
              groups={[{ label: 'When', options: PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p] })) }]}
            />
            <Field label="From month" name="from" type="month" optional defaultValue={filter.from ?? ''} hint="With “Custom months”" />
            <Field label="To month" name="to" type="month" optional defaultValue={filter.to ?? ''} />
            <SubmitButton pendingText="Showing…">Show</SubmitButton>
          </Form>
          <p className="muted" role="status">
            {shown === 0
              ? 'No routes in this selection.'
              : `${shown.toLocaleString('en-GB')} ${shown === 1 ? 'activity' : 'activities'}${filter.from || filter.to ? `, ${filter.from ? monthLabel(filter.from) : 'the start'} to ${filter.to ? monthLabel(filter.to) : 'now'}` : ', all time'} (months in UTC).`}
          </p>
          {origin ? (
            <HeatmapFrame tiles={tileTemplate(origin, filter)} maxZoom={maxZoom} bbox={summary.bbox} />
          ) : (
            <div className="routeheat-frame" data-state="none">
              <p className="routeheat-note">The heatmap draws with JavaScript and WebGL; the counts below need neither.</p>
            </div>
          )}
          <p className="muted routeheat-legend">
            Colour by how many activities passed through each spot: one, 2–3, 4–7, … doubling each step, 128 or more brightest.
            {` Routes from ${summary.sources.map((s) => attributionText(s)).join(', ')}.`}
          </p>
          <Card title="Routes by sport" id="heatmap-sports">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Sport</th>
                  <th scope="col">Activities with a route</th>
                </tr>
              </thead>
              <tbody>
                {summary.sports.map((s) => (
                  <tr key={s.sport}>
                    <th scope="row">{sportLabel(s.sport)}</th>
                    <td>{s.activities.toLocaleString('en-GB')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              From {summary.first ? monthLabel(summary.first) : '—'} to {summary.last ? monthLabel(summary.last) : '—'}.
            </p>
          </Card>
        </div>
      )}
    </>
  );
}
