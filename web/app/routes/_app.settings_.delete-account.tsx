import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, ButtonLink, Card, Field, FormError, LiveRegion, PageHeader, SubmitButton } from '~/components/ui';
import { clearedCookieHeader, requireViewer } from '~/utils/auth.server';
import { formatDateTime } from '~/utils/format';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { actorOf } from '../../../worker/http/guards';
import { CONFIRM_WORD, GRACE_DAYS, RequestDeletionInput } from '../../../worker/features/privacy/deletion/deletion.schema';

// /settings/delete-account: the request (password and the typed word), and during the grace period the page
// that offers to cancel (login lands here while a deletion is scheduled). ADR 042.
export const meta: MetaFunction = () => [{ title: 'Delete your account · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const status = await args.context.services.deletion.status(viewer.user.id);
  const cancelled = new URL(args.request.url).searchParams.get('cancelled') === '1';
  return {
    status,
    runsAt: status.runsAt ? formatDateTime(status.runsAt, viewer.user.timeZone) : null,
    email: viewer.user.email,
    impersonating: !!viewer.impersonatorId,
    cancelled: cancelled && status.state === 'none',
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  const { services } = args.context;
  try {
    if (values.intent === 'cancel') {
      await services.deletion.cancelOwnDeletion(actorOf(viewer));
      return redirect('/settings/delete-account?cancelled=1');
    }
    if (values.intent !== 'delete') throw new Response('Unknown action', { status: 400 });
    const parsed = parseValues(values, RequestDeletionInput);
    if (!parsed.ok) return data({ ...parsed, intent: values.intent }, { status: 400 });
    await services.deletion.requestOwnDeletion(actorOf(viewer), parsed.data);
  } catch (err) {
    if (err instanceof Response) throw err;
    return data({ ...appErrorToForm(err), intent: values.intent }, { status: 400 });
  }
  // Every session ended with the request: this browser's cookie goes too, and the login page says what happens next.
  return redirect('/login?deletion=scheduled', { headers: { 'Set-Cookie': clearedCookieHeader(args.context) } });
}

const GOES = [
  'Your profile, settings and sessions on every device',
  'Every activity, its streams and the files you uploaded',
  'Your training plans, thresholds and fitness history',
  'Your AI coach conversations',
  'Your connections: Strava, Garmin and Polar are told to revoke our access first',
  'Your membership: the subscription is cancelled at once, with no refund of the current period',
  'Your notifications and their email history',
];

const STAYS = [
  'Invoices stay at Stripe, attached to a customer record with your name and email removed: tax law requires them.',
  'Our security log keeps what happened, under a code that does not name you.',
  'AI coach costs stay only as anonymous daily totals.',
  'A coach you shared your training with keeps their own records of you as a client (sessions, payments), no longer linked to you; they are told you left.',
];

export default function DeleteAccount() {
  const { status, runsAt, email, impersonating, cancelled } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && 'fieldErrors' in result ? result.fieldErrors : {};
  const formError = result && 'formError' in result ? result.formError : undefined;

  if (status.state !== 'none') {
    return (
      <>
        <PageHeader eyebrow={<Link to="/settings">Settings</Link>} title="Your account is being deleted" />
        <div className="stack">
          {status.state === 'scheduled' ? (
            <Card id="grace" title={`Scheduled for ${runsAt}`}>
              <p>
                You asked to delete your account. Until {runsAt}, nothing is erased and everything works as before. After that, your account
                and everything in it are erased for good, and a receipt goes to <span className="break-anywhere">{email}</span>.
              </p>
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="cancel" />
                <FormError message={formError} />
                <div className="form-actions">
                  <SubmitButton pendingText="Cancelling…" disabled={impersonating}>
                    Cancel the deletion and keep my account
                  </SubmitButton>
                  <ButtonLink to="/home" variant="secondary">
                    Keep the deletion scheduled
                  </ButtonLink>
                </div>
                {impersonating ? <p className="form-aside">Only the account's owner can cancel, not an operator acting as them.</p> : null}
              </Form>
            </Card>
          ) : (
            <Card id="running" title="Deletion in progress">
              <p>
                The erasure has started and can no longer be cancelled. A receipt goes to <span className="break-anywhere">{email}</span>{' '}
                when it is done.
              </p>
            </Card>
          )}
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="Delete your account"
        description={`Everything you keep in Cadence is erased ${GRACE_DAYS} days after you confirm. Until then you can change your mind.`}
      />
      <LiveRegion>
        {cancelled ? (
          <Alert tone="success" title="Deletion cancelled" announce={false}>
            <p>Your account stays exactly as it is. Nothing was erased.</p>
          </Alert>
        ) : null}
      </LiveRegion>
      <div className="stack">
        <Card id="what-goes" title="What is erased">
          <ul className="deletion-list">
            {GOES.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
          <p className="card-footnote">
            Want a copy first? Download your data from <Link to="/settings/data#your-data">Data sources</Link> before you confirm.
          </p>
        </Card>
        <Card id="what-stays" title="What stays, and why">
          <ul className="deletion-list">
            {STAYS.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </Card>
        <Card id="how" title="How it works">
          <ol className="deletion-list">
            <li>You confirm below. You are signed out on every device.</li>
            <li>For {GRACE_DAYS} days, logging in takes you to a page that offers to cancel; the app works as before meanwhile.</li>
            <li>
              Then everything is erased, and we email <span className="break-anywhere">{email}</span> a receipt of what went, counted per
              kind of data.
            </li>
            <li>After that, logging in fails as for an address that never had an account.</li>
          </ol>
        </Card>
        {status.blockingOrgs.length ? (
          <Alert tone="error" title="Your coaching organisation comes first">
            <p>
              You are the only owner of {status.blockingOrgs.map((o) => `“${o.name}”`).join(', ')}. Its clients' records would be left
              without an owner, so delete the organisation first (<Link to="/settings/delete-organisation">Delete the organisation</Link>)
              or make another coach an owner.
            </p>
          </Alert>
        ) : (
          <Card id="confirm" title="Confirm">
            {impersonating ? (
              <Alert tone="info">Only the account's owner can delete it, not an operator acting as them.</Alert>
            ) : (
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="delete" />
                <FormError message={formError} />
                <Field
                  label="Your password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  error={errors.password}
                />
                <Field
                  label={`Type ${CONFIRM_WORD} to confirm`}
                  name="confirm"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  required
                  error={errors.confirm}
                />
                <p className="form-aside">
                  Signed up with Strava and never set a password? <Link to="/forgot-password">Set one first</Link>.
                </p>
                <SubmitButton variant="danger" pendingText="Scheduling…">
                  Delete my account in {GRACE_DAYS} days
                </SubmitButton>
              </Form>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
