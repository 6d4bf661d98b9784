// One post as its viewer may see it (the serializer's PostView): what it says is text (React escapes it), the map
// is the cut one's stretches, kudos a form post, so it all works without JavaScript.
import { Form, Link } from '@remix-run/react';
import type { PostView } from '../../../../worker/features/social';
import { formatHoursMinutes } from '../../../../worker/lib/format';
import { PostMap } from '../maps/PostMap';
import { Button, Card } from '../ui';

const km = (m: number) => `${(m / 1000).toFixed(1)} km`;

/** `headed`: false on the post's own page, whose header already names it (one h1, no second title). */
export function PostCard({ post, link = true, headed = true }: { post: PostView; link?: boolean; headed?: boolean }) {
  const figures = [
    post.distanceM !== null ? km(post.distanceM) : null,
    post.movingTimeS !== null ? formatHoursMinutes(post.movingTimeS) : null,
    post.heartRate?.avg ? `${Math.round(post.heartRate.avg)} bpm` : null,
    post.pacePower?.avgPower ? `${Math.round(post.pacePower.avgPower)} W` : null,
    post.notes?.rpe ? `felt ${post.notes.rpe}/10` : null,
  ].filter(Boolean);
  const title = link ? <Link to={`/posts/${post.id}`}>{post.title}</Link> : post.title;
  return (
    <Card
      id={`post-${post.id}`}
      className="post-card"
      title={headed ? title : undefined}
      description={headed ? `${post.author.displayName} · ${post.sport ?? 'session'}` : undefined}
    >
      {post.own?.hidden ? (
        <p className="muted" role="note">
          Hidden by a moderator{post.own.hidden.reason ? `: ${post.own.hidden.reason}` : ''}. Only you see it.
        </p>
      ) : null}
      {figures.length ? <p className="post-figures">{figures.join(' · ')}</p> : null}
      {post.notes?.text ? <p className="post-text">{post.notes.text}</p> : null}
      {post.map ? <PostMap map={post.map} /> : null}
      <div className="post-actions">
        <Form method="post" action={`/posts/${post.id}`}>
          <input type="hidden" name="intent" value={post.kudos.mine ? 'unkudos' : 'kudos'} />
          <Button type="submit" size="sm" aria-pressed={post.kudos.mine}>
            Kudos · {post.kudos.count}
          </Button>
        </Form>
        <Link to={`/posts/${post.id}#comments`}>
          {post.commentCount} comment{post.commentCount === 1 ? '' : 's'}
        </Link>
      </div>
    </Card>
  );
}
