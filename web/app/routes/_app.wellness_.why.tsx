import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, PageHeader } from '~/components/ui';
import { day, dayRange } from '~/utils/analytics-format';
import { requireViewer } from '~/utils/auth.server';
import { WHY_CHART_WORDS } from '~/utils/why';
import { loadWhy, type WhyView } from '~/utils/why.server';

// /wellness/why?chart=efficiency|fitness|weight&from=&to= — "Why this trend?" under each chart: which of the
// athlete's inputs changed over the chart's window against the same length before, and the engine's findings
// linking an input to this chart, with the days and runs behind them. Facts, never advice.
export const meta: MetaFunction = () => [{ title: 'Why this trend? · Wellness · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadWhy(args.context, viewer, new URL(args.request.url));
}

type Answer = NonNullable<WhyView['answer']>;
type Change = Answer['compared'][number];

const places = (unit: string) => (unit === 'h' || unit === 'kg' ? 2 : unit === '%' || unit === 'bpm' ? 1 : 2);
function value(x: number, unit: string): string {
  const v = x.toFixed(places(unit));
  return unit === '' ? v : unit === '%' ? `${v} %` : `${v} ${unit}`;
}
const signed = (x: number, unit: string) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${value(Math.abs(x), unit)}`;

function ChangeRow({ c }: { c: Change }) {
  return (
    <tr>
      <th scope="row">{c.label}</th>
      <td className="num">{value(c.before.mean, c.unit)}</td>
      <td className="num">{value(c.now.mean, c.unit)}</td>
      <td className="num">
        {signed(c.diff, c.unit)}{' '}
        <span className="muted">
          ({signed(c.low, c.unit)} to {signed(c.high, c.unit)})
        </span>
      </td>
      <td className="num">
        {c.now.n} / {c.before.n}
      </td>
    </tr>
  );
}

function ChangeTable({ rows, caption }: { rows: Change[]; caption: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label={caption}>
      <table className="table why-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              This window
            </th>
            <th scope="col" className="num">
              Change (interval)
            </th>
            <th scope="col" className="num">
              Days
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <ChangeRow key={c.key} c={c} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function WhyPage() {
  const v = useLoaderData<typeof loader>();
  const words = WHY_CHART_WORDS[v.chart];
  const back = (
    <p className="why-back">
      <Link to={words.back}>‹ {words.backText}</Link>
    </p>
  );
  if (!v.answer)
    return (
      <>
        {back}
        <PageHeader title="Why this trend?" description={`${words.title}`} />
        <Alert tone="error" title="That window cannot be compared.">
          <p>{v.error}</p>
        </Alert>
      </>
    );
  const a = v.answer;
  const changed = a.compared.filter((c) => c.changed);
  const steady = a.compared.filter((c) => !c.changed);
  return (
    <>
      {back}
      <PageHeader
        title="Why this trend?"
        description={`${words.title}, ${dayRange(a.window.from, a.window.to)}, against the ${dayRange(a.before.from, a.before.to)} before. What changed in your days, and what the engine has found about this chart.`}
      />
      <Card id="why-summary" title="In short">
        <p className="why-summary">{a.summary}</p>
        <p className="muted">
          Each change is this window’s mean against the one before, with an interval that counts similar days in a row for what they are
          worth; the intervals hold together for all {a.compared.length || 'the'} inputs compared. A change is not a cause: only a finding
          below links an input to this chart.
        </p>
      </Card>
      <Card id="why-changed" title="What changed">
        {a.status === 'too_little' ? (
          <p className="muted">Too little recorded in both windows to compare any input yet.</p>
        ) : changed.length === 0 ? (
          <p className="muted">No input changed clearly over this window.</p>
        ) : (
          <ChangeTable rows={changed} caption="Inputs that changed over this window" />
        )}
        {steady.length > 0 ? (
          <details className="disclosure">
            <summary>Steady inputs ({steady.length})</summary>
            <ChangeTable rows={steady} caption="Inputs that did not change clearly" />
          </details>
        ) : null}
        {a.thin.length > 0 ? (
          <details className="disclosure">
            <summary>Too few days to compare ({a.thin.length})</summary>
            <ul className="why-thin">
              {a.thin.map((t) => (
                <li key={t.key}>
                  {t.label}: {t.nowDays} days in this window, {t.beforeDays} before (8 each needed)
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Card>
      <Card id="why-findings" title="What the engine found for this chart">
        {a.findings.length === 0 ? (
          <p className="muted">
            No finding links an input to this chart yet. Findings appear on <Link to="/wellness">Wellness</Link> once your days show a
            pattern that holds up.
          </p>
        ) : (
          <ul className="why-findings">
            {a.findings.map((f) => (
              <li key={f.key} className="why-finding">
                <p>
                  {f.text}
                  {f.inputChanged ? <strong> This input changed over the window.</strong> : null}
                </p>
                <p className="muted">
                  The {f.receipts.length === f.totalReceipts ? '' : `newest ${f.receipts.length} of `}
                  {f.totalReceipts} days behind it:
                </p>
                <ul className="why-receipts">
                  {f.receipts.map((r) => (
                    <li key={`${r.kind}-${r.id}`}>
                      {r.kind === 'activity' ? (
                        <Link to={`/activities/${r.id}`}>
                          {r.name} · {day(r.day)}
                        </Link>
                      ) : (
                        <Link to={`/wellness?to=${r.day}`}>{day(r.day)}</Link>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
