import type { AppLoadContext } from '@remix-run/cloudflare';
import type { AdminSection } from '~/components/admin/AdminNav';
import type { Viewer } from '../../../worker/context';
import type { Permission } from '../../../worker/features/auth';
import { holds } from '../../../worker/http/guards';

const SECTION_PERMISSION: Record<AdminSection, Permission> = {
  pulse: 'ops.read',
  athletes: 'users.read',
  privacy: 'users.read',
  metrics: 'ops.read',
  audit: 'audit.read',
  invites: 'invites.manage',
  moderation: 'moderation',
};

/** The console sections this viewer's permissions open, in nav order. */
export async function adminSections(context: AppLoadContext, viewer: Viewer): Promise<AdminSection[]> {
  let granted: Promise<string[]> | null = null;
  const permissionsOf = (id: string) => (granted ??= context.services.auth.permissionsOf(id));
  const open: AdminSection[] = [];
  for (const [section, permission] of Object.entries(SECTION_PERMISSION) as [AdminSection, Permission][])
    if (await holds(viewer, permissionsOf, permission)) open.push(section);
  return open;
}

/** Whether the viewer may see personal data (emails, names, devices) in the console. */
export const canSeePii = (context: AppLoadContext, viewer: Viewer) => holds(viewer, context.services.auth.permissionsOf, 'users.pii');
