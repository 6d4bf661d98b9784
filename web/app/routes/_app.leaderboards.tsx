import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { data } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Badge, Card, EmptyState, Icon, PageHeader, ResultNotice, SubmitButton } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { askReview, type BoardView, loadBoard } from '~/utils/awards.server';
import { formatCalendarDate } from '~/utils/format';

/** The sports a board tab offers. */
const BOARD_SPORTS = ['run', 'ride', 'swim', 'walk', 'hike'] as const;

export const meta: MetaFunction = () => [{ title: 'Leaderboards · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  return loadBoard(args.context, await requireViewer(args), new URL(args.request.url));
}

export async function action(args: ActionFunctionArgs) {
  const result = await askReview(args.context, await requireViewer(args), await args.request.formData());
  return data(result, { status: result.ok ? 200 : 400 });
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const METRIC_LABELS = { distance: 'Distance', time: 'Moving time', days: 'Active days' } as const;

function value(metric: BoardView['board']['metric'], v: number) {
  if (metric === 'distance') return `${(v / 1000).toFixed(1)} km`;
  if (metric === 'time') return `${Math.floor(v / 3600)} h ${Math.round((v % 3600) / 60)} min`;
  return `${v} ${v === 1 ? 'day' : 'days'}`;
}

export default function LeaderboardsPage() {
  const { board, rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const tab = (sport: string, metric: string) => `/leaderboards?sport=${sport}&metric=${metric}`;
  return (
    <>
      <PageHeader
        title="Leaderboards"
        description={`Week of ${formatCalendarDate(board.week)}, Monday to Sunday in each athlete's own time zone, among you and the people you follow who opted in.`}
        actions={<a href="#rules">How it counts</a>}
      />
      <nav aria-label="Sport" className="board-tabs">
        {BOARD_SPORTS.map((s) => (
          <Link key={s} to={tab(s, board.metric)} aria-current={s === board.sport ? 'page' : undefined}>
            {capital(s)}
          </Link>
        ))}
      </nav>
      <nav aria-label="Ranked by" className="board-tabs">
        {(Object.keys(METRIC_LABELS) as (keyof typeof METRIC_LABELS)[]).map((m) => (
          <Link key={m} to={tab(board.sport, m)} aria-current={m === board.metric ? 'page' : undefined}>
            {METRIC_LABELS[m]}
          </Link>
        ))}
      </nav>
      <div className="stack">
        {board.youOptedIn ? null : (
          <p className="muted">
            You are not on boards others see: turn on “Appear on weekly leaderboards” in your{' '}
            <Link to="/settings/social#profile">social settings</Link>.
          </p>
        )}
        <Card id="board" title={`${METRIC_LABELS[board.metric]} · ${capital(board.sport)}`}>
          {board.entries.length === 0 ? (
            <EmptyState icon={<Icon name="chart" />} title="Nobody on this board yet" level={3}>
              <p>Recorded activities this week from you and the people you follow who opted in appear here.</p>
            </EmptyState>
          ) : (
            // On a phone each row is a short block: the athlete on a line, rank and figures below (.table-stack).
            <table className="table table-stack stack-3 board-table">
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Athlete</th>
                  <th scope="col">{METRIC_LABELS[board.metric]}</th>
                  <th scope="col">Activities</th>
                </tr>
              </thead>
              <tbody>
                {board.entries.map((e) => (
                  <tr key={e.person.id} className={e.you ? 'board-you' : undefined}>
                    <td data-label="Rank">{e.rank}</td>
                    <th scope="row">
                      {e.person.displayName} {e.you ? <Badge tone="info">You</Badge> : null} {e.final ? <Badge>Final</Badge> : null}
                    </th>
                    <td data-label={METRIC_LABELS[board.metric]}>{value(board.metric, e.value)}</td>
                    <td data-label="Activities">{e.activityIds.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card id="exclusions" title="Your activities left out this week">
          {board.yourExclusions.length === 0 ? (
            <p className="muted">None: everything you recorded this week counts.</p>
          ) : (
            <ul className="exclusion-list">
              {board.yourExclusions.map((x) => (
                <li key={x.activityId} id={`exclusion-${x.activityId}`}>
                  <Link to={`/activities/${x.activityId}`}>{x.name}</Link>: {x.reason}{' '}
                  {x.review ? (
                    <>
                      <Badge tone="neutral">Review {x.review.status}</Badge>
                      {x.review.decisionReason ? <span className="muted"> {x.review.decisionReason}</span> : null}
                    </>
                  ) : !x.reviewable ? null : (
                    <Form method="post" className="review-form">
                      <input type="hidden" name="activityId" value={x.activityId} />
                      <label>
                        Why it should count <textarea name="note" maxLength={500} required rows={2} />
                      </label>
                      <SubmitButton pendingText="Asking…">Ask for a review</SubmitButton>
                    </Form>
                  )}
                  {result && result.activityId === x.activityId ? <ResultNotice result={result} /> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card id="rules" title="How it counts">
          <p>{rules.summary}</p>
          <p>{rules.week}</p>
          <p>An active day has at least {rules.activeDayMinutes} minutes of counted moving time in the sport.</p>
          <ul>
            {rules.exclusions.map((r) => (
              <li key={r.code}>{r.reason}</li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
