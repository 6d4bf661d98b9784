import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Badge, Button, Card, EmptyState, LiveRegion, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formatDateTime } from '~/utils/format';
import { formValues } from '~/utils/forms.server';
import { appeal } from '~/utils/moderation.server';

// /settings/social/moderation: what moderators did to the athlete's posts, comments and profile, with each reason,
// and the one appeal per action (the `social.moderation` notice links here). Its own page, outside any layout.
export const meta: MetaFunction = () => [{ title: 'Moderation notices · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return { notices: await args.context.services.moderation.notices(viewer.user.id), tz: viewer.user.timeZone };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  if (values.intent !== 'appeal') throw new Response('Unknown action', { status: 400 });
  const r = await appeal(args.context, viewer, values);
  return data(r, { status: r.ok ? 200 : 400 });
}

const WHAT: Record<string, string> = {
  hide: 'Hidden',
  warn: 'Warning',
  suspend: 'Sharing suspended',
  lift: 'Restored',
};

export default function ModerationNotices() {
  const { notices, tz } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="Moderation notices"
        description="What moderators did to your posts, comments or profile, and why. You may appeal each once; a moderator decides and you are told. Your export and account deletion always stay open."
      />
      <LiveRegion>{result ? <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert> : null}</LiveRegion>
      <Card id="notices" title="Notices">
        {notices.length === 0 ? (
          <EmptyState title="Nothing here" level={3}>
            <p>No moderator has acted on anything of yours.</p>
          </EmptyState>
        ) : (
          <ul className="moderation-list">
            {notices.map((n) => (
              <li key={n.id} id={`action-${n.id}`} className="moderation-item">
                <p>
                  <Badge tone={n.kind === 'lift' ? 'success' : 'warning'}>{WHAT[n.kind] ?? n.kind}</Badge> your {n.targetKind} ·{' '}
                  {formatDateTime(n.createdAt, tz)}
                  {n.suspendUntil ? ` · until ${formatDateTime(n.suspendUntil, tz)}` : ''}
                </p>
                <p>{`Reason: ${n.reason}`}</p>
                {n.appeal ? (
                  <p>
                    Your appeal: “{n.appeal.text}” —{' '}
                    {n.appeal.decision
                      ? `${n.appeal.decision === 'overturned' ? 'overturned' : 'upheld'}: ${n.appeal.decisionReason ?? ''}`
                      : 'waiting for a moderator.'}
                  </p>
                ) : null}
                {n.appealable ? (
                  <Form method="post" className="moderation-form" aria-label="Appeal">
                    <input type="hidden" name="intent" value="appeal" />
                    <input type="hidden" name="actionId" value={n.id} />
                    <div className="field">
                      <label htmlFor={`appeal-${n.id}`} className="field-label">
                        Why this should be reversed (you can appeal once)
                      </label>
                      <textarea id={`appeal-${n.id}`} name="text" className="input" required maxLength={1000} rows={3} />
                    </div>
                    <Button type="submit" size="sm">
                      Send the appeal
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
