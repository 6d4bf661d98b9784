import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { Link, useLoaderData } from '@remix-run/react';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { UpgradePrompt } from '~/components/membership/UpgradePrompt';
import { ApiKeysCard } from '~/components/settings/ApiKeysCard';
import { AssistantsCard } from '~/components/settings/AssistantsCard';
import { CopyField } from '~/components/admin/CopyField';
import { Alert, Card, PageHeader } from '~/components/ui';
import { requireViewer } from '~/utils/auth.server';

// /settings/api: personal API keys (issue 59, ADR 105). Its own page, like Training and Data sources. Keys are the
// athlete's own act: an impersonation sees why it cannot (the API refuses it too).
export const meta: MetaFunction = () => [{ title: 'API and assistants · Cadence' }];
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { services } = args.context;
  const entitlements = await services.membership.entitlements(viewer.user.id);
  // The organisation's owner also manages its team keys here (Team plan): none for staff, athletes or an impersonation.
  const m = viewer.impersonatorId ? undefined : await services.coach.membership({ id: viewer.user.id, role: viewer.user.role });
  const team = m?.role === 'owner' ? { name: m.org.name, entitled: (await services.membership.orgPlan(m.org.id)) === 'team' } : null;
  return {
    team,
    entitled: entitlements.features.api_keys,
    impersonating: !!viewer.impersonatorId,
    timeZone: viewer.user.timeZone,
    origin: new URL(args.request.url).origin,
  };
}

export default function ApiKeys() {
  const { entitled, impersonating, timeZone, origin, team } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings">Settings</Link>}
        title="API and assistants"
        description="Read your training from your own AI assistant or programs: scoped, revocable, and never your password."
      />
      <div className="stack">
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
              Personal API keys and connecting your own AI assistant come with Pro: your activities, fitness, wellness and plan, read by
              your own tools.
            </p>
          </UpgradePrompt>
        )}
        {team && !impersonating ? (
          <div className="stack api-team" aria-label={`${team.name}: team keys`} role="region">
            {team.entitled ? (
              <>
                <ApiKeysCard team timeZone={timeZone} origin={origin} />
                <Card
                  id="coach-assistant"
                  title="Your assistant, for your clients"
                  description="Add this address to your assistant as an MCP connector with a team key that may read your business: it lists the clients who share their training with you and reads one client at a time."
                >
                  <CopyField label="Coach MCP address" value={`${origin}/api/v1/coach/mcp`} />
                </Card>
              </>
            ) : (
              <UpgradePrompt feature="team_api_keys" name="Team API keys" plural>
                <p>Keys for your coaching business and the coach MCP address come with the Team plan.</p>
              </UpgradePrompt>
            )}
          </div>
        ) : null}
      </div>
    </>
  );
}
