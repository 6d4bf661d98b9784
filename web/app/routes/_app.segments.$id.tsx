import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { SegmentBoardCard } from '~/components/segments/SegmentBoardCard';
import { SegmentPathMap } from '~/components/segments/SegmentPathMap';
import { Badge, Card, Field, PageHeader, RadioGroup, ResultNotice, SubmitButton } from '~/components/ui';
import { raceTime } from '~/utils/analytics-format';
import { requireViewer } from '~/utils/auth.server';
import { formatDate, formatDistance } from '~/utils/format';
import { loadSegment, segmentAction, type SegmentView } from '~/utils/segments.server';

// /segments/:id: the path drawn, its distance, climb and grade, your efforts (newest or fastest, PR and rank, each
// opening the activity zoomed on it), the board when public, and — yours — rename, share and delete.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.segment.name ?? 'Segment'} · Cadence` }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  return { ...(await loadSegment(args.context, await requireViewer(args), args.params.id ?? '')), order: url.searchParams.get('order') };
}

export async function action(args: ActionFunctionArgs) {
  return segmentAction(args.context, await requireViewer(args), args.params.id ?? '', await args.request.formData());
}

type Effort = SegmentView['segment']['newest'][number];

function EffortsTable({ efforts, timeZone }: { efforts: Effort[]; timeZone: string }) {
  return (
    <table className="table table-stack">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Time</th>
          <th scope="col">Rank</th>
          <th scope="col">Heart rate · power</th>
        </tr>
      </thead>
      <tbody>
        {efforts.map((e) => (
          <tr key={e.id}>
            <th scope="row">
              <Link to={e.receipt.href}>{formatDate(e.startedAt, timeZone)}</Link>
              <span className="muted">
                {' '}
                · {e.activityName}
                {e.attribution ? ` · data from ${e.attribution}` : ''}
              </span>
            </th>
            <td data-label="Time">
              {raceTime(e.elapsedS)} {e.pr ? <Badge tone="success">PR</Badge> : null}
            </td>
            <td data-label="Rank">{`${e.rank} of ${e.of}`}</td>
            <td data-label="Heart rate · power">
              {[e.avgHr === null ? null : `${Math.round(e.avgHr)} bpm`, e.avgPowerW === null ? null : `${Math.round(e.avgPowerW)} W`]
                .filter(Boolean)
                .join(' · ') || '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function SegmentPage() {
  const { segment: s, board, units, timeZone, order } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fastest = order === 'fastest';
  const efforts = fastest ? s.fastest : s.newest;
  const figures = [
    formatDistance(s.distanceM, units),
    s.climbM === null ? 'no elevation recorded' : `${Math.round(s.climbM)} m climbed`,
    s.gradePct === null ? null : `${s.gradePct.toFixed(1)} % average grade`,
  ].filter(Boolean);
  const formResult = result && 'intent' in result && result.intent !== 'review' ? result : undefined;
  const errors = formResult && !formResult.ok && 'fieldErrors' in formResult ? formResult.fieldErrors : {};
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/segments">Segments</Link>}
        title={s.name}
        description={`${figures.join(' · ')} · ${s.visibility === 'public' ? 'public' : 'private'}${s.yours ? '' : `, made by ${s.owner.displayName}`}`}
      />
      <div className="stack">
        <ResultNotice
          result={formResult && 'ok' in formResult ? (formResult as { ok: boolean; message?: string; formError?: string }) : undefined}
        />
        <Card id="path" title="Path" description="Drawn from the segment’s points every 10 m; the green ring is its start.">
          <SegmentPathMap polyline={s.polyline} label={`The path of ${s.name}, ${formatDistance(s.distanceM, units)}`} />
          {s.source?.activityId ? (
            <p className="muted">
              Cut from{' '}
              <Link to={`/activities/${s.source.activityId}?at=${s.source.fromS}&for=${(s.source.toS ?? 0) - (s.source.fromS ?? 0)}`}>
                this activity
              </Link>
              .
            </p>
          ) : null}
        </Card>
        <Card
          id="efforts"
          title="Your efforts"
          description={s.efforts ? 'Each opens its activity zoomed on the effort.' : undefined}
          actions={
            <nav aria-label="Order" className="board-tabs">
              <Link to="?order=newest" aria-current={fastest ? undefined : 'page'}>
                Newest
              </Link>
              <Link to="?order=fastest" aria-current={fastest ? 'page' : undefined}>
                Fastest
              </Link>
            </nav>
          }
        >
          {efforts.length ? (
            <EffortsTable efforts={efforts} timeZone={timeZone} />
          ) : (
            <p className="muted">
              {s.matching
                ? 'Your history is being matched against this segment: efforts appear here as they are found.'
                : 'No efforts of yours on this segment yet.'}
            </p>
          )}
        </Card>
        {board ? (
          <SegmentBoardCard
            board={board}
            timeZone={timeZone}
            result={result && 'intent' in result && result.intent === 'review' ? result : undefined}
          />
        ) : null}
        {s.yours ? (
          <Card id="manage" title="Your segment">
            <div className="stack">
              <Form method="post" className="stack" aria-label="Rename">
                <input type="hidden" name="intent" value="rename" />
                <Field label="Name" name="name" id="segment-rename" defaultValue={s.name} maxLength={80} required error={errors.name} />
                <div>
                  <SubmitButton variant="secondary" pendingText="Saving…">
                    Rename
                  </SubmitButton>
                </div>
              </Form>
              <Form method="post" className="stack" aria-label="Who sees it">
                <input type="hidden" name="intent" value="visibility" />
                <RadioGroup
                  label="Who sees it"
                  name="visibility"
                  defaultValue={s.visibility}
                  error={errors.visibility}
                  options={[
                    { value: 'private', label: 'Only me' },
                    { value: 'public', label: 'Public, with a board' },
                  ]}
                />
                <div>
                  <SubmitButton variant="secondary" pendingText="Saving…">
                    Save
                  </SubmitButton>
                </div>
              </Form>
              <Form method="post" aria-label="Delete the segment">
                <SubmitButton name="intent" value="delete" variant="danger-quiet" size="sm" pendingText="Deleting…">
                  Delete the segment and its efforts
                </SubmitButton>
              </Form>
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
