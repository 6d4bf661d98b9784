import { redirect, type LoaderFunctionArgs } from '@remix-run/cloudflare';
import { ADMIN_LINKS } from '~/components/admin/AdminNav';
import { adminSections } from '~/utils/admin.server';
import { requireRoleViewer } from '~/utils/auth.server';

// /admin lands on the first section the viewer may open (Ops Pulse for most operators).
export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requireRoleViewer(args, 'admin', 'owner', 'demo');
  const sections = await adminSections(args.context, viewer);
  const first = ADMIN_LINKS.find((l) => sections.includes(l.section));
  if (!first) throw new Response('Forbidden', { status: 403 });
  throw redirect(first.to);
}
