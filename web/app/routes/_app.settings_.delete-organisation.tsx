import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, Field, FormError, LiveRegion, PageHeader, SubmitButton } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';
import { appErrorToForm, formValues, parseValues } from '~/utils/forms.server';
import { actorOf } from '../../../worker/http/guards';
import { DeleteOrgInput } from '../../../worker/features/privacy/deletion/deletion.schema';

// /settings/delete-organisation: an owner deletes their coaching organisation (ADR 042). It runs at once, with no
// grace period: the owner types the organisation's name and their password. Linked athletes keep their accounts.
export const meta: MetaFunction = () => [{ title: 'Delete your coaching organisation · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const org = await args.context.services.deletion.ownedOrg(viewer.user.id);
  return { org, impersonating: !!viewer.impersonatorId, done: new URL(args.request.url).searchParams.get('done') === '1' };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireViewer(args);
  const values = formValues(await args.request.formData());
  const parsed = parseValues(values, DeleteOrgInput);
  if (!parsed.ok) return data(parsed, { status: 400 });
  try {
    await args.context.services.deletion.requestOrgDeletion(actorOf(viewer), parsed.data);
  } catch (err) {
    return data(appErrorToForm(err), { status: 400 });
  }
  return redirect('/settings/delete-organisation?done=1');
}

export default function DeleteOrganisation() {
  const { org, impersonating, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="Delete your coaching organisation"
        description="Your clients, packages, sessions, payments, bookings, messages and automations are erased. Athletes linked to your clients keep their own Cadence accounts and are told."
      />
      <LiveRegion>
        {done ? (
          <Alert tone="success" title="Organisation deleted" announce={false}>
            <p>
              Its records are being erased now. Your own account stays; you can now <Link to="/settings/delete-account">delete it</Link> too
              if you wish.
            </p>
          </Alert>
        ) : null}
      </LiveRegion>
      {!org ? (
        done ? null : (
          <Alert tone="info">You do not own a coaching organisation.</Alert>
        )
      ) : (
        <Card
          id="confirm-org"
          title={`Delete “${org.name}”`}
          description="This runs at once and cannot be undone. Stripe keeps the organisation's invoices, without a name."
        >
          {impersonating ? (
            <Alert tone="info">Only the owner can delete the organisation, not an operator acting as them.</Alert>
          ) : (
            <Form method="post" className="form">
              <FormError message={result?.formError} />
              <Field
                label="Your password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                error={errors.password}
              />
              <Field
                label={`Type “${org.name}” to confirm`}
                name="confirm"
                autoComplete="off"
                spellCheck={false}
                required
                error={errors.confirm}
              />
              <SubmitButton variant="danger" pendingText="Deleting…">
                Delete the organisation
              </SubmitButton>
            </Form>
          )}
        </Card>
      )}
    </>
  );
}
