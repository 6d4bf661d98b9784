import type { LoaderFunctionArgs } from '@remix-run/cloudflare';
import { Outlet, useLoaderData } from '@remix-run/react';
import { AdminNav } from '~/components/admin/AdminNav';
import { AppErrorBoundary } from '~/components/ErrorPanel';
import { adminSections } from '~/utils/admin.server';
import { requireRoleViewer } from '~/utils/auth.server';

// /admin: the operator console's shell. Each child page checks its own permission; the nav shows
// only the sections the viewer may open.
export const ErrorBoundary = AppErrorBoundary;

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireRoleViewer(args, 'admin', 'owner', 'demo');
  return { sections: await adminSections(args.context, viewer), demo: viewer.user.role === 'demo' };
}

export default function AdminLayout() {
  const { sections, demo } = useLoaderData<typeof loader>();
  return (
    <>
      <AdminNav sections={sections} demo={demo} />
      <Outlet />
    </>
  );
}
