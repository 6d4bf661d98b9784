import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/cloudflare';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { Alert, Card, PageHeader } from '~/components/ui';
import { ImpersonateCard } from '~/components/admin/ImpersonateCard';
import { requireViewer } from '~/utils/auth.server';
import { formValues } from '~/utils/forms.server';
import { isUuid } from '../../../worker/lib/ids';
import { endImpersonation, impersonationBanner, startImpersonation } from '~/utils/impersonation.server';

// /impersonation: where the start card (on an athlete's page) and the banner's "End now" post. Without
// JavaScript a refused start lands here and says why; otherwise it redirects (to /home or /admin).
export const meta: MetaFunction = () => [{ title: 'Impersonation · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  // ?userId=… shows the start card (owners only), for links from the console until a page hosts it.
  const userId = new URL(args.request.url).searchParams.get('userId');
  const candidate = userId && isUuid(userId) ? await args.context.services.impersonation.candidate(viewer, userId) : null;
  return { banner: impersonationBanner(args.context, viewer), candidate };
}

export async function action(args: ActionFunctionArgs) {
  const values = formValues(await args.request.formData());
  if (values.intent === 'end') return endImpersonation(args.context, await args.context.auth.viewer(), 'manual');
  if (values.intent !== 'start') throw new Response('Unknown action', { status: 400 });
  const viewer = await requireViewer(args);
  return data(await startImpersonation(args.request, args.context, viewer, values), { status: 400 });
}

export default function Impersonation() {
  const { banner, candidate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="Impersonation" />
      <Card>
        {result?.formError || Object.keys(result?.fieldErrors ?? {}).length ? (
          <Alert tone="error" title="Impersonation not started">
            {result?.formError ?? Object.values(result?.fieldErrors ?? {})[0]}
          </Alert>
        ) : null}
        <p>
          {banner
            ? `You are viewing Cadence as ${banner.displayName}. Use “End now” in the banner to return to your own account.`
            : 'You are not impersonating anyone.'}
        </p>
        <p>
          <Link to="/admin">Back to the operator console</Link>
        </p>
      </Card>
      {candidate ? <ImpersonateCard user={candidate} /> : null}
    </>
  );
}
