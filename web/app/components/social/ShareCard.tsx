// "Share to your log" on an activity's page: a plain form to /share-activity/:id, or the reason it cannot be shared
// (a Strava API activity: the provider's terms), said before the athlete tries.
import { Form, Link } from '@remix-run/react';
import type { ComposerState } from '../../../../worker/features/social';
import { Button, Card, Field, SelectField } from '../ui';

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
      <Form method="post" action={`/share-activity/${composer.activityId}`} className="stack">
        {/* Ids of their own: the card's heading is already `share-title`. */}
        <Field
          label="Title"
          name="title"
          id="share-post-title"
          defaultValue={composer.defaults.title}
          maxLength={200}
          disabled={!composer.canShare}
        />
        <SelectField
          label="Who sees it"
          name="visibility"
          id="share-post-visibility"
          defaultValue={composer.defaults.visibility}
          disabled={!composer.canShare}
          hint="The start and end of your map, and your private places, stay hidden from everyone else."
          groups={[
            {
              label: 'Visibility',
              options: [
                { value: 'private', label: 'Only you' },
                { value: 'followers', label: 'Your followers' },
                { value: 'public', label: 'Everyone' },
              ],
            },
          ]}
        />
        <div>
          <Button type="submit" disabled={!composer.canShare} aria-disabled={!composer.canShare}>
            Share
          </Button>
        </div>
      </Form>
    </Card>
  );
}
