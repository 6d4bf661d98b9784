import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { ReportForm } from '~/components/social/ReportForm';
import { Badge, Button, Card, PageHeader, ResultNotice } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { MODERATION_REASONS, report } from '~/utils/moderation.server';
import { loadProfile, peopleAction } from '~/utils/social.server';

// /people/:id: one person as you may see them (a block either way is a 404), with follow, mute, block and report.
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.person.displayName ?? 'Person'} · Cadence` }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  return { ...(await loadProfile(args.context, viewer, args.params.id ?? '')), reasons: MODERATION_REASONS };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  if (values.intent === 'report') {
    // The profile reported is the page's own person, whatever the form says.
    const r = await report(args.context, viewer, { ...values, targetKind: 'profile', targetId: args.params.id ?? '' });
    return data(r.ok ? { ok: true as const, message: r.message } : { ok: false as const, formError: r.message }, {
      status: r.ok ? 200 : 400,
    });
  }
  const result = await peopleAction(args.context, viewer, { ...values, userId: args.params.id ?? '' });
  // A blocked person's page is gone for you too: back to your people.
  if (result.ok && result.intent === 'block') throw redirect('/people#blocked');
  return data(result, { status: result.ok ? 200 : 400 });
}

function Act({ intent, label, variant = 'secondary' }: { intent: string; label: string; variant?: 'primary' | 'secondary' }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <Button type="submit" variant={variant} size="sm">
        {label}
      </Button>
    </Form>
  );
}

export default function PersonProfile() {
  const p = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const self = p.follow === 'self';
  return (
    <>
      <PageHeader eyebrow={<Link to="/people">People</Link>} title={p.person.displayName} />
      <ResultNotice result={result} />
      <Card id="profile" title="Profile">
        {p.private ? (
          <p>
            <Badge tone="info">Private</Badge> Only the people {p.person.displayName} approves see their training.
          </p>
        ) : (
          <p>
            <strong className="tabular">{p.followers}</strong> followers · <strong className="tabular">{p.following}</strong> following
          </p>
        )}
        {self ? (
          <p>
            This is you. <Link to="/settings/social">Social settings</Link>
          </p>
        ) : (
          <div className="inline-form">
            {p.follow === 'none' ? <Act intent="follow" label={p.private ? 'Ask to follow' : 'Follow'} variant="primary" /> : null}
            {p.follow === 'requested' ? <Act intent="unfollow" label="Cancel request" /> : null}
            {p.follow === 'following' ? <Act intent="unfollow" label="Unfollow" /> : null}
            <Act intent={p.muted ? 'unmute' : 'mute'} label={p.muted ? 'Unmute' : 'Mute'} />
            <Act intent="block" label="Block" />
          </div>
        )}
        {self ? null : <ReportForm kind="profile" id={p.person.id} reasons={p.reasons} />}
      </Card>
    </>
  );
}
