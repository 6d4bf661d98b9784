// The console's leaderboard reviews (ADR 084), beside the moderation queue: open requests first, each with the
// athlete's note and why the activity was left out; one decision with a reason (accepted counts it from the next
// evaluation, declined shows the athlete the reason). A plain form: it works without JavaScript.
import { Form } from '@remix-run/react';
import type { ReviewsAdminService } from '../../../../worker/features/social';
import { formatDateTime } from '~/utils/format';
import { Badge, Button, Card, EmptyState, Field, SelectField } from '../ui';

type Review = Awaited<ReturnType<ReviewsAdminService['queue']>>['reviews'][number];

export function LeaderboardReviewsCard({ reviews, tz }: { reviews: Review[]; tz: string }) {
  const open = reviews.filter((r) => r.status === 'open').length;
  return (
    <Card
      id="leaderboard-reviews"
      title="Leaderboard reviews"
      description={`${open} open. Accepting lets the activity count from the next evaluation (never past a provider’s terms); the athlete reads a decline’s reason.`}
    >
      {reviews.length === 0 ? (
        <EmptyState title="No review requests" level={3} />
      ) : (
        <ul className="moderation-list">
          {reviews.map((r) => (
            <li key={r.id} id={`review-${r.id}`} className="moderation-item">
              <p>
                <Badge tone={r.status === 'open' ? 'warning' : r.status === 'accepted' ? 'success' : 'neutral'}>{r.status}</Badge>{' '}
                {r.athlete.displayName}: {r.activity.name} ({r.activity.sport}, {formatDateTime(r.activity.startTime, tz)})
                {r.activity.exclusion ? ` · left out: ${r.activity.exclusion.replace(/_/g, ' ')}` : ''}
              </p>
              <blockquote className="moderation-content">{r.note}</blockquote>
              {r.status !== 'open' ? (
                <p className="audit-muted">{r.decisionReason}</p>
              ) : (
                <Form method="post" className="moderation-form" aria-label="Decide the review">
                  <input type="hidden" name="intent" value="review" />
                  <input type="hidden" name="reviewId" value={r.id} />
                  <SelectField
                    label="Decision"
                    name="decision"
                    id={`review-decision-${r.id}`}
                    groups={[
                      {
                        label: 'Decision',
                        options: [
                          { value: 'declined', label: 'Decline' },
                          { value: 'accepted', label: 'Accept: it counts' },
                        ],
                      },
                    ]}
                  />
                  <Field label="Reason (the athlete reads it)" name="reason" id={`review-reason-${r.id}`} required maxLength={500} />
                  <Button type="submit" size="sm">
                    Decide
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
