// GET /api/v1/coach/clients/{id}/activity-notes: what a linked athlete wrote about their shared sessions.
import { json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { SharedActivityNotes } from '../../activity-notes';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';

export const clientNotesRoutes = createRouter().openapi(
  createRoute({
    access: orgMember,
    risk: 'normal',
    dataUse: 'coach',
    scope: 'coach:read',
    method: 'get',
    path: '/clients/{id}/activity-notes',
    tags: ['Coach athlete links'],
    security: coachSecurity,
    summary:
      'The linked athlete’s notes and RPE on their activities of the last six weeks (only sources others may see; 404 unless the athlete agreed)',
    request: { params: IdParam },
    responses: { 200: json(SharedActivityNotes, 'Notes'), ...coachErrors },
  }),
  async (c) => c.json(await c.var.services.clientNotes.notes(await member(c), c.req.valid('param').id), 200),
);
