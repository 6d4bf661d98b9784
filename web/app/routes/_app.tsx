import type { LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Outlet, useLoaderData } from '@remix-run/react';
import { useEffect } from 'react';
import { AppHeader } from '~/components/AppHeader';
import { ImpersonationBanner } from '~/components/admin/ImpersonationBanner';
import { PastDueBanner } from '~/components/membership/PastDueBanner';
import { PwaBanners } from '~/components/pwa/PwaBanners';
import { requireViewer } from '~/utils/auth.server';
import { impersonationBanner } from '~/utils/impersonation.server';
import { pastDueBanner } from '~/utils/membership.server';
import { resyncPush } from '~/utils/push-device';

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireViewer(args);
  const { user } = viewer;
  // The bell's first figure, so it never flashes empty (its poll takes over in the browser). Its count
  // runs over HTTP, beside the banner's read on the request's pool.
  const [unread, pastDue] = await Promise.all([
    args.context.services.notifications.unreadCount(user.id),
    pastDueBanner(args.context, viewer),
  ]);
  return {
    user: {
      displayName: user.displayName,
      role: user.role,
      units: user.units,
      timeZone: user.timeZone,
      // Only the athlete, on their own device, is asked: not an operator acting as them, nor the read-only demo.
      askTimeZone: user.timeZoneConfirmedAt === null && !viewer.impersonatorId && user.role !== 'demo',
    },
    notifications: { unread },
    pastDue,
    // Shown as "as of" when the service worker serves this page offline (it keeps the whole render).
    renderedAt: args.context.services.clock.now().toISOString(),
    impersonation: impersonationBanner(args.context, viewer),
  };
}

export default function AppShell() {
  const { user, pastDue, impersonation, notifications, renderedAt } = useLoaderData<typeof loader>();
  // Every app open: the server learns what this browser's push subscription is now (ADR 076); never while an
  // operator impersonates (their browser's subscription is not the athlete's).
  const impersonating = !!impersonation;
  useEffect(() => {
    if (!impersonating) void resyncPush().catch(() => {});
  }, [impersonating]);
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
        notifications={notifications}
      />
      <PwaBanners renderedAt={renderedAt} timeZone={user.timeZone} />
      {pastDue ? <PastDueBanner tierName={pastDue.tierName} graceEndsOn={pastDue.graceEndsOn} /> : null}
      <main id="main" className="container main">
        <Outlet />
      </main>
    </div>
  );
}
