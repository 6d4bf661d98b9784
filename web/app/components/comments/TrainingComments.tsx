// The athlete's conversations on one of their activities or planned workouts: a thread per coaching org
// they share their training with, or why there is none (no coach yet, or a source whose terms keep the
// activity from coaches).
import { Link } from '@remix-run/react';
import type { AthleteThreads } from '../../../../worker/features/comments/comments.schema';
import { CommentThread } from './CommentThread';

export function TrainingComments({ data, timeZone }: { data: AthleteThreads; timeZone: string }) {
  const { subject } = data;
  const base = `/api/v1/comments/${subject.kind === 'activity' ? 'activities' : 'workouts'}/${subject.id}`;
  if (data.notShared) return <p className="muted">{data.notShared}</p>;
  if (data.threads.length === 0)
    return (
      <p className="muted">
        Share your training with a coach (<Link to="/settings#coaches">Settings → Coaches</Link>) to talk about your sessions here.
      </p>
    );
  return (
    <div className="comment-threads">
      {data.threads.map((t) => (
        <CommentThread
          key={t.orgId}
          thread={t}
          heading={`With ${t.orgName}`}
          timeZone={timeZone}
          paths={{ post: base, read: `${base}/read`, comment: (id) => `/api/v1/comments/${id}`, extra: { orgId: t.orgId } }}
        />
      ))}
    </div>
  );
}
