import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { useMemo, useState } from 'react';
import { ActivityCurveCard } from '~/components/activity/ActivityCurveCard';
import { ActivityStreams } from '~/components/activity/ActivityStreams';
import { BalanceCard } from '~/components/activity/BalanceCard';
import { EfficiencyFactsCard } from '~/components/activity/EfficiencyFactsCard';
import { ActivityReaderProvider, coachReader } from '~/components/activity/activity-reader';
import { ActivitySummaryCard } from '~/components/activity/ActivitySummaryCard';
import { IntervalsCard } from '~/components/activity/IntervalsCard';
import { NotesReadOnly } from '~/components/activity/NotesCard';
import { TrainingLoadCard } from '~/components/activity/TrainingLoadCard';
import { CommentThread } from '~/components/comments/CommentThread';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, PageHeader } from '~/components/ui';
import { sportLabel } from '~/utils/analytics';
import { day } from '~/utils/analytics-format';
import { loadCoachActivity } from '~/utils/coach-activity.server';
import { requireMember, uuidParam } from '~/utils/coach.server';
import { loadCoachComments } from '~/utils/comments.server';
import { isAppError } from '~/utils/forms.server';

// /coach/clients/:id/activities/:activityId — a linked client's activity as they see it on their own activity
// page, read-only, with the org's conversation on it (ADR 056, 061). Another org's client, an unlinked client,
// a revoked link or someone else's activity is the 404 page; a source that keeps it from coaches says so.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.activity.ok ? data.activity.activity.name || 'Activity' : 'Activity'} · ${data?.client.name ?? 'Client'} · Coach · Cadence`,
  },
];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const m = await requireMember(args);
  const clientId = uuidParam(args.params.id);
  const activityId = uuidParam(args.params.activityId);
  const client = await args.context.services.coach.getClient(m, clientId).catch((err: unknown) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw new Response('Not found', { status: 404 });
    throw err;
  });
  const activity = await loadCoachActivity(args.context, m, clientId, activityId);
  // The thread only beside an activity the coach may see: the same link and source rules decide both.
  const comments = activity.ok ? await loadCoachComments(args.context, m, clientId, { kind: 'activity', id: activityId }) : null;
  return { client: { id: client.id, name: client.name }, activityId, activity, comments, timeZone: m.org.timeZone };
}

export default function CoachClientActivity() {
  const { client, activityId, activity: r, comments, timeZone } = useLoaderData<typeof loader>();
  const reader = useMemo(() => coachReader(client.id), [client.id]);
  // A window another card asks the stream charts to show, as on the athlete's page.
  const [focus, setFocus] = useState<{ from: number; to: number; n: number } | null>(null);
  const select = (from: number, to: number) => setFocus((f) => ({ from, to, n: (f?.n ?? 0) + 1 }));
  const eyebrow = <Link to={`/coach/clients/${client.id}`}>{client.name}</Link>;
  if (!r.ok)
    return (
      <>
        <PageHeader eyebrow={eyebrow} title="Activity" />
        <Alert
          tone="info"
          title={r.kind === 'source' ? 'You cannot open or comment on this activity' : 'Not shared yet'}
          className="page-alert"
        >
          {r.reason}
          {r.kind === 'source'
            ? ' If they upload the original file from their device, you see it here like their other sessions, and can talk about it.'
            : null}
        </Alert>
      </>
    );
  const a = r.activity;
  const post = `/api/v1/coach/clients/${client.id}/activities/${activityId}/comments`;
  return (
    <ActivityReaderProvider value={reader}>
      <PageHeader
        eyebrow={eyebrow}
        title={a.name || 'Untitled activity'}
        description={`${day(a.date)} · ${sportLabel(a.sport)}${a.sportOriginal && a.sportOriginal.toLowerCase() !== a.sport ? ` (${a.sportOriginal})` : ''} · ${a.source}`}
      />
      <div className="source-line" id="source">
        {r.attribution ? <p className="source-attribution">{r.attribution}</p> : null}
        <p className="source-uses">{`${r.athleteName}’s activity, as they see it. Read-only: only they can change it.`}</p>
      </div>
      <div className="stack">
        <ActivitySummaryCard activity={a} analysis={r.analysis} units={r.units} />
        {r.streams ? (
          <ActivityStreams
            view={r.streams}
            units={r.units}
            opened={null}
            focus={focus}
            belowCharts={r.balance ? (range) => <BalanceCard b={r.balance!} units={r.units} onSelect={select} range={range} /> : null}
          />
        ) : null}
        {r.curve ? <ActivityCurveCard curve={r.curve} units={r.units} onSelect={select} /> : null}
        {r.efficiency ? <EfficiencyFactsCard e={r.efficiency} /> : null}
        <IntervalsCard intervals={r.intervals} units={r.units} sport={a.sport} onShow={r.streams?.series ? select : null} />
        <Card id="notes" title="Notes and RPE" description={`What ${r.athleteName} wrote about this session.`}>
          {r.notes.note || r.notes.rpe !== null ? (
            <NotesReadOnly note={r.notes.note} rpe={r.notes.rpe} />
          ) : (
            <p className="muted">No note or RPE yet.</p>
          )}
        </Card>
        <TrainingLoadCard activity={a} analysis={r.analysis} units={r.units} durationRate={r.durationRate} />
        {comments?.ok ? (
          <Card id="comments" title={`Conversation with ${client.name}`}>
            <CommentThread
              thread={comments.thread}
              heading={`${comments.thread.orgName} and ${client.name}`}
              timeZone={timeZone}
              paths={{ post, read: `${post}/read`, comment: (id) => `/api/v1/coach/clients/${client.id}/comments/${id}` }}
            />
          </Card>
        ) : null}
      </div>
    </ActivityReaderProvider>
  );
}
