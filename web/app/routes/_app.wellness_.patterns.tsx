import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, EmptyState, Icon, PageHeader } from '~/components/ui';
import { PatternScatter } from '~/components/wellness/PatternScatter';
import { sourceName } from '~/components/wellness/sources';
import { day as dayLabel } from '~/utils/analytics-format';
import { requireViewer } from '~/utils/auth.server';
import { loadPatterns, type PatternsView } from '~/utils/wellness-patterns.server';

export const meta: MetaFunction = () => [{ title: 'Patterns · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return loadPatterns(args.context, viewer);
}

type Finding = PatternsView['findings'][number];

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) < 10 ? 2 : 1));

function FindingArticle({ f }: { f: Finding }) {
  const unit = (u: string) => (u ? ` ${u}` : '');
  const id = `pattern-${f.key.replace('~', '-')}`;
  // A weekly outcome has one value a week: its sample is weeks (issue 55).
  const days = f.outcome.per === 'week' ? 'weeks' : 'days';
  return (
    <article className="pattern" aria-labelledby={`${id}-text`}>
      <p id={`${id}-text`} className="pattern-text">
        {f.text}
      </p>
      <p className="muted pattern-figures">
        ρ {f.rho.toFixed(2)} (95 % interval {f.rhoLow.toFixed(2)} to {f.rhoHigh.toFixed(2)}) · {f.n} {days}, worth {Math.round(f.nEff)}{' '}
        independent ones
      </p>
      <details className="pattern-receipts">
        <summary>{`The ${f.receipts} ${f.receipts === 1 ? days.slice(0, -1) : days} behind it`}</summary>
        <PatternScatter pairs={f.points} label={`${f.input.label} across, ${f.outcome.label} up: ${f.points.length} ${days}`} />
        <div className="wellness-table-wrap">
          <table className="wellness-table">
            <caption className="visually-hidden">
              Each day with {f.input.label} and {f.outcome.label}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">{f.input.label}</th>
                <th scope="col">{f.outcome.label}</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {f.listed.map((p) => (
                <tr key={`${p.day}-${p.receipt.id}`}>
                  <th scope="row">{dayLabel(p.day)}</th>
                  <td>
                    {num(p.x)}
                    {unit(f.input.unit)}
                    {p.inputSource && p.inputSource !== 'activities' ? (
                      <span className="wellness-source"> · {sourceName(p.inputSource)}</span>
                    ) : null}
                  </td>
                  <td>
                    {num(p.y)}
                    {unit(f.outcome.unit)}
                  </td>
                  <td>
                    {p.receipt.kind === 'activity' ? (
                      <Link to={`/activities/${p.receipt.id}`}>{p.receipt.name}</Link>
                    ) : (
                      <Link to={`/wellness?to=${p.receipt.id}`}>Your day</Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {f.points.length > f.listed.length ? (
            <p className="muted">
              The newest {f.listed.length} of {f.points.length} days.
            </p>
          ) : null}
        </div>
      </details>
    </article>
  );
}

export default function PatternsPage() {
  const v = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Patterns"
        description="What moves your own outcomes, tested on your days only. Every pattern tested is counted, so asking more questions never finds more; what is shown is a pattern in your data, not advice."
        actions={<Link to="/wellness">Your days</Link>}
      />
      {v.updating ? (
        <Alert tone="info" className="page-alert">
          Your training figures are being recomputed after an import: these patterns may change in a minute.
        </Alert>
      ) : null}
      {v.status === 'first_weeks' ? (
        <Card id="patterns" title="Your first weeks">
          <EmptyState icon={<Icon name="chart" />} title="Patterns need 20+ days of both" level={3}>
            <p>
              Each question needs at least 20 days with both what might matter (sleep, soreness, load…) and the outcome (an easy run, a pain
              flag…). Check in daily on <Link to="/home#checkin">Home</Link>, or connect Garmin in settings so sleep and HRV arrive on their
              own.
            </p>
          </EmptyState>
        </Card>
      ) : (
        <Card
          id="patterns"
          title={v.findings.length > 0 ? `${v.findings.length} of ${v.asked} patterns tested stand out` : 'What stands out'}
          description={`From ${dayLabel(v.from)} to ${dayLabel(v.to)}: ${v.tested} of the ${v.asked} questions had enough days to test.`}
        >
          {v.findings.length === 0 ? (
            <EmptyState icon={<Icon name="chart" />} title={`Nothing stands out among ${v.asked} patterns tested`} level={3}>
              <p>
                None of your days so far show a pattern that could not be chance. That is an answer too: the questions below say how many
                more days would tell.
              </p>
            </EmptyState>
          ) : (
            <div className="pattern-list">
              {v.findings.map((f) => (
                <FindingArticle key={f.key} f={f} />
              ))}
            </div>
          )}
        </Card>
      )}
      {v.waiting.length > 0 ? (
        <Card id="waiting" title="Still waiting for days" description="The questions nearest an answer, at the effect seen so far.">
          <ul className="pattern-waiting">
            {v.waiting.map((w) => (
              <li key={w.key}>{w.text}</li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
