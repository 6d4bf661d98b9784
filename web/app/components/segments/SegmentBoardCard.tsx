// A public segment's board: each person's best among you and the people you may compete with who opted in, and
// your own efforts left off with why (a review asked for as on the weekly boards).
import { Form, Link } from '@remix-run/react';
import { Badge, Card, EmptyState, Icon, ResultNotice, SubmitButton } from '~/components/ui';
import { raceTime } from '~/utils/analytics-format';
import { formatDate } from '~/utils/format';
import type { SegmentView } from '~/utils/segments.server';

type Board = NonNullable<SegmentView['board']>;

export function SegmentBoardCard({
  board,
  timeZone,
  result,
}: {
  board: Board;
  timeZone: string;
  result?: { ok: boolean; message?: string; formError?: string; activityId?: string } | undefined;
}) {
  return (
    <Card id="board" title="Board" description={board.rules}>
      <div className="stack">
        {board.youOptedIn ? null : (
          <p className="muted">
            You are not on boards others see: turn on “Appear on weekly leaderboards” in your{' '}
            <Link to="/settings/social#profile">social settings</Link> (one switch for every board).
          </p>
        )}
        {board.entries.length === 0 ? (
          <EmptyState icon={<Icon name="chart" />} title="Nobody on this board yet" level={3}>
            <p>Efforts from you and the people you follow who opted in appear here once matched.</p>
          </EmptyState>
        ) : (
          <table className="table table-stack board-table">
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Athlete</th>
                <th scope="col">Time</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {board.entries.map((e) => (
                <tr key={e.person.id} aria-current={e.you ? 'true' : undefined}>
                  <td data-label="Rank">{e.rank}</td>
                  <th scope="row">
                    {e.you ? (
                      <>
                        You <Badge tone="info">you</Badge>
                      </>
                    ) : (
                      <Link to={`/people/${e.person.id}`}>{e.person.displayName}</Link>
                    )}
                  </th>
                  <td data-label="Time">{e.receipt ? <Link to={e.receipt.href}>{raceTime(e.elapsedS)}</Link> : raceTime(e.elapsedS)}</td>
                  <td data-label="When">{formatDate(e.startedAt, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">Something wrong with someone’s effort? Report it from their profile (“Cheating”).</p>
        {board.yourExclusions.length ? (
          <section aria-labelledby="left-off-title" className="stack">
            <h3 id="left-off-title">Your efforts left off the board</h3>
            <ul className="stack">
              {board.yourExclusions.map((x) => (
                <li key={x.effortId}>
                  <p>
                    <Link to={`/activities/${x.activityId}`}>{x.activityName}</Link>, {raceTime(x.elapsedS)} on{' '}
                    {formatDate(x.startedAt, timeZone)}: {x.reason}
                  </p>
                  {x.review ? (
                    <p className="muted">
                      Review {x.review.status}
                      {x.review.decisionReason ? `: ${x.review.decisionReason}` : '.'}
                    </p>
                  ) : x.reviewable ? (
                    <Form method="post" className="stack" aria-label={`Ask for a review of ${x.activityName}`}>
                      <input type="hidden" name="intent" value="review" />
                      <input type="hidden" name="activityId" value={x.activityId} />
                      <input type="hidden" name="note" value="Please look at this segment effort again." />
                      {result && result.activityId === x.activityId ? <ResultNotice result={result} /> : null}
                      <div>
                        <SubmitButton size="sm" variant="secondary" pendingText="Asking…">
                          Ask for a review
                        </SubmitButton>
                      </div>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Card>
  );
}
