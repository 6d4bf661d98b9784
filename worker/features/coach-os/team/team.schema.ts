import { z } from '@hono/zod-openapi';

export const InviteInput = z.object({ email: z.email().max(254).openapi({ example: 'sam@example.com' }) }).openapi('TeamInviteInput');
export const Invite = z
  .object({ id: z.uuid(), email: z.string(), status: z.enum(['pending', 'accepted', 'declined', 'cancelled']), createdAt: z.string() })
  .openapi('TeamInvite');
export const Team = z
  .object({
    members: z.array(
      z.object({
        userId: z.uuid(),
        name: z.string(),
        email: z.string(),
        role: z.enum(['owner', 'coach']),
        since: z.string(),
        you: z.boolean(),
      }),
    ),
    invites: z.array(Invite),
  })
  .openapi('Team');
export const Invitation = z
  .object({ id: z.uuid(), orgName: z.string(), invitedBy: z.string().nullable(), createdAt: z.string() })
  .openapi('OrgInvitation');
