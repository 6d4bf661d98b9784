import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { useActionData, useLoaderData } from '@remix-run/react';
import { CopyField } from '~/components/admin/CopyField';
import { CreateInviteForm } from '~/components/admin/CreateInviteForm';
import { InviteList } from '~/components/admin/InviteList';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, LiveRegion, PageHeader } from '~/components/ui';
import { requireAdminPermission } from '~/utils/auth.server';
import { formatDate } from '~/utils/format';
import { formValues } from '~/utils/forms.server';
import { createInvite, revokeInvite, signupLink, type InviteResult } from '~/utils/invites.server';

export const meta: MetaFunction = ({ error }) => [{ title: error ? 'Not allowed · Cadence' : 'Admin · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'invites.manage');
  const tz = viewer.user.timeZone;
  const invites = await args.context.services.invites.list();
  return {
    invites: invites.map((i) => ({
      id: i.id,
      code: i.code,
      note: i.note,
      status: i.status,
      uses: i.uses,
      maxUses: i.maxUses,
      expires: i.expiresAt ? formatDate(i.expiresAt, tz) : null,
      created: formatDate(i.createdAt, tz),
      link: signupLink(args.context, i.code),
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const viewer = await requireAdminPermission(args, 'invites.manage');
  const values = formValues(await args.request.formData());
  let result: InviteResult;
  if (values.intent === 'create') result = await createInvite(args.context, viewer, values);
  else if (values.intent === 'revoke') result = await revokeInvite(args.context, viewer, values.id);
  else throw new Response('Unknown action', { status: 400 });
  return data(
    { ...result, createdLink: result.createdCode ? signupLink(args.context, result.createdCode) : null },
    { status: result.ok ? 200 : 400 },
  );
}

export default function Admin() {
  const { invites } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const active = invites.filter((i) => i.status === 'active').length;
  return (
    <>
      <PageHeader eyebrow="Admin" title="Invites" description="Cadence is invite-only. Every account starts with one of these codes." />
      <LiveRegion>
        {result?.ok ? (
          <Alert tone="success" announce={false} title={result.message}>
            {result.createdLink ? (
              <>
                <p>Send this link to the person you're inviting:</p>
                <CopyField label="New signup link" value={result.createdLink} />
              </>
            ) : null}
          </Alert>
        ) : null}
        {result && !result.ok && result.intent === 'revoke' ? (
          <Alert tone="error" announce={false}>
            {result.formError}
          </Alert>
        ) : null}
      </LiveRegion>
      <div className="admin-grid">
        <CreateInviteForm result={result?.intent === 'create' ? result : undefined} />
        <Card id="invites" title="All invites" description={`${active} active of ${invites.length}.`}>
          <InviteList invites={invites} />
        </Card>
      </div>
    </>
  );
}
