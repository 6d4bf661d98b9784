// /api/v1/coach/mcp: a coach's assistant (ADR 108), Streamable HTTP and stateless as /mcp. A member of the org, signed
// in or by a team key with `coach:read`; every tool but `clients` names the client it reads, checked against the
// org's consented links on each call. Data use `ai` (every source it allows, a coach may see too: a test holds it).
import { guardRoute } from '../../../http/access';
import { refuseDemoWrites } from '../../../http/demo.middleware';
import { requireUser } from '../../../http/guards';
import { passwordChangeGate } from '../../../http/password-change.middleware';
import { createRouter } from '../../../http/router';
import { athleteOf } from '../../analytics';
import { member, orgMember } from '../../coach-os';
import { depsFor, serveMcp } from '../mcp.serve';
import { type CoachMcpDeps, createCoachMcpServer } from './coach-mcp.server';

const guard = guardRoute(orgMember, 'normal', 'ai', 'coach:read');

export const coachMcpRoutes = createRouter().on(
  ['POST', 'GET', 'DELETE'],
  '/mcp',
  guard,
  passwordChangeGate,
  refuseDemoWrites,
  async (c) => {
    const viewer = await requireUser(c.var.auth);
    const m = await member(c);
    const links = c.var.services.athleteLinks;
    const deps: CoachMcpDeps = {
      clients: () => links.sharingClients(m),
      client: async (clientId) => {
        const { user, name, wellnessShared } = await links.sharingAthlete(m, clientId);
        return { name, wellnessShared, deps: depsFor(c, athleteOf(user), null) };
      },
    };
    return serveMcp(c, { userId: viewer.user.id, token: c.var.auth.key?.prefix ?? viewer.sessionId, scopes: ['coach:read'] }, () =>
      createCoachMcpServer(deps),
    );
  },
);
