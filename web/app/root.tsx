import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from '@remix-run/react';
import styles from './styles/app.css?url';
import { useNonce } from './utils/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

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
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
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
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? 'Page not found' : status === 403 ? 'Not allowed' : 'Something went wrong';
  const text =
    status === 404
      ? "We couldn't find that page. It may have moved, or the link may be mistyped."
      : status === 403
        ? "Your account doesn't have access to this page."
        : 'An unexpected error happened on our side. Try again in a moment.';
  return (
    <main className="error-page">
      <p className="error-code">{status}</p>
      <h1>{title}</h1>
      <p>{text}</p>
      <a className="button" href="/">
        Back to Cadence
      </a>
    </main>
  );
}
