import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { SCALES } from '../../../worker/features/wellness/browser';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { ReadinessLine } from '~/components/wellness/ReadinessLine';
import { WeightChart } from '~/components/wellness/WeightChart';
import { sourceName } from '~/components/wellness/sources';
import { day as dayLabel } from '~/utils/analytics-format';
import { requireViewer } from '~/utils/auth.server';
import { loadWellnessPage, type WellnessPageView } from '~/utils/wellness.server';
import { DoorWellnessNote } from '~/components/wellness/DoorWellnessNote';
import { loadDoorWellness } from '~/utils/door-wellness.server';

export const meta: MetaFunction = () => [{ title: 'Wellness · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const [page, doorWellness] = await Promise.all([
    loadWellnessPage(args.context, viewer, new URL(args.request.url)),
    loadDoorWellness(args.context, viewer),
  ]);
  return { ...page, doorWellness };
}

type Fields = WellnessPageView['rows'][number]['fields'];

const scaleWord = (k: keyof typeof SCALES, v: unknown) => (typeof v === 'number' ? (SCALES[k][v - 1] ?? String(v)) : '');

/** One cell: the value in the athlete's words, and its source when it is not their own check-in. */
/** Each column's name, repeated on its cells: on a phone a row is a card of "name value" lines (intervals.css). */
const COLUMN: Record<string, string> = {
  sleepHours: 'Sleep',
  sleepQuality: 'Quality',
  soreness: 'Soreness',
  fatigue: 'Fatigue',
  stress: 'Stress',
  mood: 'Mood',
  motivation: 'Motivation',
  restingHr: 'Resting HR',
  hrvRmssd: 'HRV',
  weight: 'Weight',
  injury: 'Pain',
  note: 'Note',
};

function Cell({ fields, k, show }: { fields: Fields; k: string; show: (v: unknown) => string }) {
  const f = fields[k];
  if (!f)
    return (
      <td className="muted" data-label={COLUMN[k]}>
        –
      </td>
    );
  const others = f.others.map((o) => `${sourceName(o.source)}: ${show(o.value)}`).join(', ');
  return (
    <td data-label={COLUMN[k]}>
      {show(f.value)}
      {f.source !== 'checkin' ? <span className="wellness-source"> · {sourceName(f.source)}</span> : null}
      {others ? <span className="visually-hidden"> (also {others})</span> : null}
    </td>
  );
}

export default function WellnessPage() {
  const v = useLoaderData<typeof loader>();
  const num = (digits: number) => (x: unknown) => (typeof x === 'number' ? x.toFixed(digits) : String(x));
  return (
    <>
      <PageHeader
        title="Wellness"
        description="Your days as you and your devices recorded them. Each value says where it came from; your own check-in wins over a device’s."
        actions={<Link to="/wellness/patterns">Patterns</Link>}
      />
      {/* Spaced as the other pages' cards: they touched (issue 55). */}
      <div className="stack">
        {v.doorWellness
          .filter((w) => w.connected)
          .map((w) => (
            <DoorWellnessNote key={w.provider} wellness={w} />
          ))}
        <Card
          id="readiness"
          title="Readiness"
          description="This week against your own normal range of the last 60 days, one source at a time. No score."
        >
          {v.readiness.hrv.status === 'none' && v.readiness.restingHr.status === 'none' ? (
            <p className="muted">
              Add your resting HR or HRV in a check-in (or connect a device that records them) to see where this week stands.
            </p>
          ) : (
            <ReadinessLine readiness={v.readiness} />
          )}
        </Card>
        <Card id="weight" title="Weight" description="The last 13 weeks, each weigh-in by the source that wins for its day.">
          <WeightChart from={v.weight.from} to={v.weight.to} points={v.weight.points} unit={v.weightUnit} />
        </Card>
        <Card
          id="days"
          title={`${dayLabel(v.from)} – ${dayLabel(v.to)}`}
          actions={
            <nav className="checkin-days" aria-label="Weeks">
              <Link to={`?to=${v.earlier}`}>← Earlier</Link>
              {v.later ? <Link to={v.later === v.today ? '?' : `?to=${v.later}`}>Later →</Link> : null}
            </nav>
          }
        >
          {v.filled === 0 ? (
            <EmptyState icon={<Icon name="activity" />} title="Nothing recorded in these four weeks" level={3}>
              <p>
                Check in on <Link to="/home#checkin">Home</Link>: sleep, soreness, mood and the rest take a few seconds, and every field is
                optional.
              </p>
            </EmptyState>
          ) : (
            <div className="wellness-table-wrap">
              <table className="wellness-table wellness-days">
                <caption className="visually-hidden">Your days, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Sleep</th>
                    <th scope="col">Quality</th>
                    <th scope="col">Soreness</th>
                    <th scope="col">Fatigue</th>
                    <th scope="col">Stress</th>
                    <th scope="col">Mood</th>
                    <th scope="col">Motivation</th>
                    <th scope="col">Resting HR</th>
                    <th scope="col">HRV</th>
                    <th scope="col">Weight</th>
                    <th scope="col">Pain</th>
                    <th scope="col">Note</th>
                  </tr>
                </thead>
                <tbody>
                  {v.rows.map((r) => (
                    <tr key={r.day}>
                      <th scope="row">
                        <Link to={r.day === v.today ? '/home#checkin' : `/home?checkin=${r.day}#checkin`}>{dayLabel(r.day)}</Link>
                      </th>
                      <Cell fields={r.fields} k="sleepHours" show={(x) => `${num(1)(x)} h`} />
                      {(['sleepQuality', 'soreness', 'fatigue', 'stress', 'mood', 'motivation'] as const).map((k) => (
                        <Cell key={k} fields={r.fields} k={k} show={(x) => scaleWord(k, x)} />
                      ))}
                      <Cell fields={r.fields} k="restingHr" show={(x) => `${num(0)(x)} bpm`} />
                      <Cell fields={r.fields} k="hrvRmssd" show={(x) => `${num(0)(x)} ms`} />
                      <Cell fields={r.fields} k="weight" show={(x) => `${num(1)(x)} ${v.weightUnit}`} />
                      <Cell
                        fields={r.fields}
                        k="injury"
                        show={(x) => (x === true ? `Yes${r.fields.injuryWhere ? `: ${String(r.fields.injuryWhere.value)}` : ''}` : 'No')}
                      />
                      <Cell fields={r.fields} k="note" show={(x) => String(x)} />
                    </tr>
                  ))}
                </tbody>
              </table>
              {v.filled < 28 ? <p className="muted">Nothing recorded on the other {28 - v.filled} days of these four weeks.</p> : null}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
