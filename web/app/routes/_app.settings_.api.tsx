import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { ApiKeysCard } from '~/components/settings/ApiKeysCard';
import { AssistantsCard } from '~/components/settings/AssistantsCard';
import { Alert, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';

// /settings/api: personal API keys (issue 59, ADR 105). Its own page, like Training and Data sources. Keys are the
// athlete's own act: an impersonation sees why it cannot (the API refuses it too).
export const meta: MetaFunction = () => [{ title: 'API and assistants · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const entitlements = await args.context.services.membership.entitlements(viewer.user.id);
  return {
    entitled: entitlements.features.api_keys,
    impersonating: !!viewer.impersonatorId,
    timeZone: viewer.user.timeZone,
    origin: new URL(args.request.url).origin,
  };
}

export default function ApiKeys() {
  const { entitled, impersonating, timeZone, origin } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="API and assistants"
        description="Read your training from your own AI assistant or programs: scoped, revocable, and never your password."
      />
      {impersonating ? (
        <Alert tone="warning" title="Only the athlete manages keys and assistants">
          <p>Keys and assistants are not shown, made, connected or revoked while impersonating.</p>
        </Alert>
      ) : entitled ? (
        <div className="stack">
          <AssistantsCard timeZone={timeZone} origin={origin} />
          <ApiKeysCard timeZone={timeZone} origin={origin} />
        </div>
      ) : (
        <UpgradePrompt feature="api_keys" name="API keys" plural>
          <p>
            Personal API keys and connecting your own AI assistant come with Pro: your activities, fitness, wellness and plan, read by your
            own tools.
          </p>
        </UpgradePrompt>
      )}
    </>
  );
}
