import type { LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Outlet, useLoaderData } from '@remix-run/react';
import { AppHeader } from '~/components/AppHeader';
import { requireViewer } from '~/utils/auth.server';

export async function loader(args: LoaderFunctionArgs) {
  const { user } = await requireViewer(args);
  return { user: { displayName: user.displayName, role: user.role, units: user.units } };
}

export default function AppShell() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppHeader displayName={user.displayName} isAdmin={user.role === 'admin' || user.role === 'owner'} />
      <main id="main" className="container main">
        <Outlet />
      </main>
    </div>
  );
}
