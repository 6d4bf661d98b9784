import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { LeaderboardReviewsCard } from '~/components/admin/LeaderboardReviewsCard';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { reportReasonLabel } from '~/components/social/ReportForm';
import { Alert, Badge, Button, Card, EmptyState, Field, LiveRegion, PageHeader, SelectField } from '~/components/ui';
import { requireAdminPermission } from '~/utils/auth.server';
import { formatDateTime } from '~/utils/format';
import { formValues } from '~/utils/forms.server';
import { decideAppeal, decideReview, moderate } from '~/utils/moderation.server';

export const meta: MetaFunction = ({ error }) => [{ title: error ? 'Not allowed · Cadence' : 'Moderation · Admin · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'moderation');
  const s = args.context.services.moderationAdmin;
  const [groups, appeals, reviews] = await Promise.all([s.queue(), s.appeals(), args.context.services.reviewsAdmin.queue()]);
  return { groups, appeals, reviews: reviews.reviews, tz: viewer.user.timeZone };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'moderation');
  const values = formValues(await args.request.formData());
  if (values.intent === 'act') {
    const r = await moderate(args.context, viewer, values);
    return data(r, { status: r.ok ? 200 : 400 });
  }
  if (values.intent === 'decide') {
    const r = await decideAppeal(args.context, viewer, values);
    return data(r, { status: r.ok ? 200 : 400 });
  }
  if (values.intent === 'review') {
    const r = await decideReview(args.context, viewer, values);
    return data(r, { status: r.ok ? 200 : 400 });
  }
  throw new Response('Unknown action', { status: 400 });
}

const KINDS = [
  { value: 'hide', label: 'Hide it (post or comment)' },
  { value: 'warn', label: 'Warn the author' },
  { value: 'suspend', label: 'Suspend sharing until…' },
  { value: 'lift', label: 'Lift a hide or suspension' },
  { value: 'dismiss', label: 'Dismiss the reports' },
];

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/** Where the moderator opens the reported thing as athletes see it: the post, the comment on its post, the profile. */
function targetHref(g: Loaded['groups'][number]): string | null {
  if (g.targetKind === 'profile') return `/people/${g.targetUser.id}`;
  if (!g.content.exists || !g.content.postId) return null;
  return g.targetKind === 'comment' ? `/posts/${g.content.postId}#comment-${g.targetId}` : `/posts/${g.content.postId}`;
}

function ActForm({ g }: { g: Loaded['groups'][number] }) {
  return (
    <Form method="post" className="moderation-form" aria-label={`Act on this ${g.targetKind}`}>
      <input type="hidden" name="intent" value="act" />
      <input type="hidden" name="targetKind" value={g.targetKind} />
      <input type="hidden" name="targetId" value={g.targetId} />
      <SelectField label="Action" name="kind" id={`kind-${g.targetId}`} groups={[{ label: 'Actions', options: KINDS }]} />
      <Field label="Reason (the author reads it)" name="reason" id={`reason-${g.targetId}`} required maxLength={500} />
      <Field label="Suspend until (UTC day)" name="until" id={`until-${g.targetId}`} type="date" optional />
      <Button type="submit" size="sm">
        Apply
      </Button>
    </Form>
  );
}

export default function AdminModeration() {
  const { groups, appeals, reviews, tz } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const open = groups.filter((g) => g.open > 0).length;
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Moderation"
        description="Reports grouped by what they are about, open first. Every action needs a reason: the author reads it and may appeal once."
      />
      <LiveRegion>{result ? <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert> : null}</LiveRegion>
      <Card id="moderation-queue" title="Reports" description={`${open} open of ${groups.length}.`}>
        {groups.length === 0 ? (
          <EmptyState title="No reports" level={3} />
        ) : (
          <ul className="moderation-list">
            {groups.map((g) => {
              const href = targetHref(g);
              return (
                <li key={`${g.targetKind}:${g.targetId}`} id={`target-${g.targetId}`} className="moderation-item">
                  <p>
                    <Badge tone={g.open > 0 ? 'warning' : 'neutral'}>{g.open > 0 ? `${g.open} open` : 'closed'}</Badge> {g.targetKind} by{' '}
                    {g.targetUser.displayName ?? g.targetUser.id}
                    {g.targetUser.suspendedUntil ? ` · suspended until ${formatDateTime(g.targetUser.suspendedUntil, tz)}` : ''}
                    {g.content.hiddenAt ? ` · hidden: ${g.content.hiddenReason ?? ''}` : ''}
                    {href ? (
                      <>
                        {' · '}
                        <Link to={href}>Open the {g.targetKind}</Link>
                      </>
                    ) : null}
                  </p>
                  {g.content.exists ? (
                    <blockquote className="moderation-content">
                      {g.content.title ? <strong>{g.content.title}</strong> : null}
                      {g.content.body ? <p>{g.content.body}</p> : null}
                    </blockquote>
                  ) : (
                    <p className="audit-muted">The {g.targetKind} is gone.</p>
                  )}
                  <ul className="moderation-reports">
                    {g.reports.map((r) => (
                      <li
                        key={r.id}
                      >{`${reportReasonLabel(r.reason)}${r.note ? `: “${r.note}”` : ''} · ${formatDateTime(r.createdAt, tz)} · ${r.status}`}</li>
                    ))}
                  </ul>
                  <ActForm g={g} />
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card
        id="moderation-appeals"
        title="Appeals"
        description="Undecided first. A decision is final; overturning shows the post again or ends the suspension."
      >
        {appeals.length === 0 ? (
          <EmptyState title="No appeals" level={3} />
        ) : (
          <ul className="moderation-list">
            {appeals.map((a) => (
              <li key={a.id} id={`appeal-${a.id}`} className="moderation-item">
                <p>
                  {a.kind} on a {a.targetKind} of {a.targetUser.displayName ?? a.targetUser.id}: {a.reason}
                </p>
                <blockquote className="moderation-content">{a.appeal?.text}</blockquote>
                {a.appeal?.decision ? (
                  <p>
                    <Badge tone={a.appeal.decision === 'overturned' ? 'success' : 'neutral'}>{a.appeal.decision}</Badge>{' '}
                    {a.appeal.decisionReason}
                  </p>
                ) : (
                  <Form method="post" className="moderation-form" aria-label="Decide the appeal">
                    <input type="hidden" name="intent" value="decide" />
                    <input type="hidden" name="actionId" value={a.id} />
                    <SelectField
                      label="Decision"
                      name="decision"
                      id={`decision-${a.id}`}
                      groups={[
                        {
                          label: 'Decision',
                          options: [
                            { value: 'upheld', label: 'Upheld' },
                            { value: 'overturned', label: 'Overturned' },
                          ],
                        },
                      ]}
                    />
                    <Field label="Reason (the author reads it)" name="reason" id={`decide-reason-${a.id}`} required maxLength={500} />
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
      <LeaderboardReviewsCard reviews={reviews} tz={tz} />
    </>
  );
}
