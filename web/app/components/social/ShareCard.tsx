// "Share to your log" on an activity's page: a plain form to /share-activity/:id, or the reason it cannot be shared
// (a Strava API activity: the provider's terms), said before the athlete tries.
import { Form, Link } from '@remix-run/react';
import type { ComposerState } from '../../../../worker/features/social';
import { Button, Card } from '../ui';

export function ShareCard({ composer }: { composer: ComposerState }) {
  if (composer.postId)
    return (
      <Card id="share" title="Shared to your log">
        <Link to={`/posts/${composer.postId}`}>Open the post</Link>
      </Card>
    );
  return (
    <Card id="share" title="Share to your log">
      {composer.reason ? <p className="muted">{composer.reason.message}</p> : null}
      <Form method="post" action={`/share-activity/${composer.activityId}`}>
        <label htmlFor="share-title">Title</label>
        <input id="share-title" name="title" defaultValue={composer.defaults.title} maxLength={200} disabled={!composer.canShare} />
        <label htmlFor="share-visibility">Who sees it</label>
        <select id="share-visibility" name="visibility" defaultValue={composer.defaults.visibility} disabled={!composer.canShare}>
          <option value="private">Only you</option>
          <option value="followers">Your followers</option>
          <option value="public">Everyone</option>
        </select>
        <Button type="submit" disabled={!composer.canShare} aria-disabled={!composer.canShare}>
          Share
        </Button>
      </Form>
    </Card>
  );
}
