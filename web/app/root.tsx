import './utils/zod-config';
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/cloudflare';
import { isRouteErrorResponse } from '@remix-run/react';
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react';
import { useEffect } from 'react';
import { ErrorPanel, errorTitle, useErrorStatus } from './components/ErrorPanel';
import { PublicLayout } from './components/PublicLayout';
import styles from './styles/app.css?url';
import { useNonce } from './utils/nonce';
import { THEME_COLOR } from './utils/pwa/manifest';
import { OFFLINE_PROBE_SCRIPT } from './utils/pwa/offline-probe';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  // The manifest and the service worker are linked and registered by hand, not by a Remix plugin (ADR 077).
  { rel: 'manifest', href: '/manifest.webmanifest' },
  { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon.png' },
];

export const meta: MetaFunction = ({ error }) => {
  if (!error) return [{ title: 'Cadence' }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${errorTitle(status)} · Cadence` }];
};

export async function loader({ context }: LoaderFunctionArgs) {
  const viewer = await context.auth.viewer();
  return { user: viewer ? { displayName: viewer.user.displayName, role: viewer.user.role, units: viewer.user.units } : null };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content" />
        <meta name="color-scheme" content="light" />
        <meta name="theme-color" content={THEME_COLOR} />
        <meta name="apple-mobile-web-app-capable" content="yes" />
        <meta name="apple-mobile-web-app-title" content="Cadence" />
        <Meta />
        <Links />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of ours, run under the CSP nonce. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: OFFLINE_PROBE_SCRIPT }} />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Says the page is interactive: what needs scripts (a drawer, an offline queue) works from here on. Browser
  // tests wait for it rather than for time.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <PublicLayout narrow>
      <ErrorPanel status={useErrorStatus()} />
    </PublicLayout>
  );
}
