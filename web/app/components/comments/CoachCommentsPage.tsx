// The coach's page for one of a linked client's activities or planned workouts: what it is and the org's
// conversation with the client on it, or — for an activity whose source keeps it from coaches — the reason.
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { CoachThread } from '../../../../worker/features/comments/comments.schema';
import { Alert, Card, PageHeader } from '~/components/ui';
import { day } from '~/utils/analytics-format';
import { CommentThread } from './CommentThread';

export type CoachComments = { ok: true } & CoachThread;

export function CoachCommentsPage({
  client,
  kind,
  subjectId,
  result,
  timeZone,
  children,
}: {
  client: { id: string; name: string };
  kind: 'activity' | 'workout';
  subjectId: string;
  result: CoachComments | { ok: false; reason: string };
  timeZone: string;
  /** What the subject is, drawn above the conversation (the planned workout's card). */
  children?: ReactNode;
}) {
  const noun = kind === 'activity' ? 'Activity' : 'Planned workout';
  const base = `/api/v1/coach/clients/${client.id}`;
  const post = kind === 'activity' ? `${base}/activities/${subjectId}/comments` : `${base}/plan/workouts/${subjectId}/comments`;
  return (
    <>
      <PageHeader
        eyebrow={<Link to={`/coach/clients/${client.id}`}>{client.name}</Link>}
        title={result.ok ? result.subject.title || noun : noun}
        description={result.ok ? `${noun} · ${day(result.subject.date)}` : undefined}
      />
      {children}
      {result.ok ? (
        <Card id="comments" title={`Conversation with ${client.name}`}>
          <CommentThread
            thread={result.thread}
            heading={`${result.thread.orgName} and ${client.name}`}
            timeZone={timeZone}
            paths={{ post, read: `${post}/read`, comment: (id) => `${base}/comments/${id}` }}
          />
        </Card>
      ) : (
        <Alert tone="info" title="You cannot open or comment on this activity" className="page-alert">
          {result.reason}
        </Alert>
      )}
    </>
  );
}
