import type { LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Outlet, useLoaderData } from '@remix-run/react';
import { AppHeader } from '~/components/AppHeader';
import { ImpersonationBanner } from '~/components/admin/ImpersonationBanner';
import { PastDueBanner } from '~/components/membership/PastDueBanner';
import { requireViewer } from '~/utils/auth.server';
import { impersonationBanner } from '~/utils/impersonation.server';
import { pastDueBanner } from '~/utils/membership.server';

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { user } = viewer;
  return {
    user: { displayName: user.displayName, role: user.role, units: user.units },
    pastDue: await pastDueBanner(args.context, viewer),
    impersonation: impersonationBanner(args.context, viewer),
  };
}

export default function AppShell() {
  const { user, pastDue, impersonation } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {impersonation ? <ImpersonationBanner displayName={impersonation.displayName} secondsLeft={impersonation.secondsLeft} /> : null}
      <AppHeader
        displayName={user.displayName}
        isAdmin={!impersonation && (user.role === 'admin' || user.role === 'owner' || user.role === 'demo')}
        isCoach={user.role === 'coach' || user.role === 'owner'}
      />
      {pastDue ? <PastDueBanner tierName={pastDue.tierName} graceEndsOn={pastDue.graceEndsOn} /> : null}
      <main id="main" className="container main">
        <Outlet />
      </main>
    </div>
  );
}
