// The athlete's adaptive plan changes over HTTP (issue 58): the list, confirm, dismiss, undo, the opt-in for small
// changes, illness and injury notes, a moved race. Thin: the rules are the engine's, the decisions the service's.
import { type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../context';
import { signedIn } from '../../../http/access';
import { json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { security, std, tags, who } from '../plans.http';
import { PlanIdParam } from '../plans.schema';
import {
  Adaptation,
  AdaptationList,
  AdaptationParams,
  AdaptSettings,
  HealthNote,
  HealthNoteAnswer,
  HealthNoteEnd,
  HealthNoteInput,
  HealthNoteParams,
  RaceDateInput,
} from './adapt.schema';
import type { HealthNoteRow } from './adapt.repo';

const noteJson = (n: HealthNoteRow): z.infer<typeof HealthNote> => ({
  id: n.id,
  kind: n.kind as 'illness' | 'injury',
  from: n.fromDay,
  to: n.toDay,
  note: n.note,
});

/** Confirm, dismiss and undo: one route shape, the verb is the difference. */
function decideRoute(verb: 'confirm' | 'dismiss' | 'undo', summary: string) {
  const route = createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'none',
    scope: 'none',
    method: 'post',
    path: `/{planId}/adaptations/{adaptationId}/${verb}`,
    tags,
    security,
    summary,
    request: { params: AdaptationParams },
    responses: { 200: json(Adaptation, 'The change as it stands now'), ...std },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const { athlete } = await who(c);
    const s = c.var.services.adapt;
    const p = c.req.valid('param');
    const row = await s[verb](athlete, p.planId, p.adaptationId);
    const [item] = await s.present(athlete.id, [row]);
    return c.json(item!, 200);
  };
  return [route, handler] as const;
}

export const adaptRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:read',
      method: 'get',
      path: '/{planId}/adaptations',
      tags,
      security,
      summary: 'The changes your plan proposed from your real week (newest first), and whether small ones apply on their own',
      request: { params: PlanIdParam },
      responses: { 200: json(AdaptationList, 'Plan changes'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      return c.json(await c.var.services.adapt.list(athlete, c.req.valid('param').planId), 200);
    },
  )
  .openapi(...decideRoute('confirm', 'Apply a proposed change (one change in the plan’s log: undoable)'))
  .openapi(...decideRoute('dismiss', 'Set a proposed change aside: the plan stays as it is'))
  .openapi(...decideRoute('undo', 'Undo an applied change (a rebuild for a moved race is not undone)'))
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/{planId}/adapt-settings',
      tags,
      security,
      summary: 'Let small changes (a move within the week, a target within ±5 %) apply on their own, still listed and undoable',
      request: { params: PlanIdParam, body: jsonBody(AdaptSettings) },
      responses: { 200: json(AdaptSettings, 'Settings'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const done = await c.var.services.adapt.setAuto(athlete, c.req.valid('param').planId, c.req.valid('json').auto);
      return c.json({ auto: done.adaptAuto }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'none',
      method: 'post',
      path: '/{planId}/race-date',
      tags,
      security,
      summary: 'Your race moved: proposes the weeks from tomorrow made again for its new date (the taper moves with it)',
      request: { params: PlanIdParam, body: jsonBody(RaceDateInput) },
      responses: { 200: json(z.object({ proposals: z.array(Adaptation) }), 'What it proposes'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const s = c.var.services.adapt;
      const rows = await s.moveRace(athlete, c.req.valid('param').planId, c.req.valid('json').date);
      return c.json({ proposals: await s.present(athlete.id, rows) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:read',
      method: 'get',
      path: '/{planId}/health-notes',
      tags,
      security,
      summary: 'Your illness and injury notes of the last 60 days',
      request: { params: PlanIdParam },
      responses: { 200: json(z.object({ notes: z.array(HealthNote) }), 'Notes'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      return c.json({ notes: (await c.var.services.adapt.healthNotes(athlete, c.req.valid('param').planId)).map(noteJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'none',
      method: 'post',
      path: '/{planId}/health-notes',
      tags,
      security,
      summary: 'Note an illness or injury: intensity pauses and comes back gradually (proposed, as every change)',
      request: { params: PlanIdParam, body: jsonBody(HealthNoteInput) },
      responses: { 201: json(HealthNoteAnswer, 'The note and what it proposes'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const b = c.req.valid('json');
      const s = c.var.services.adapt;
      const { note, proposals } = await s.addHealthNote(athlete, c.req.valid('param').planId, {
        kind: b.kind,
        from: b.from,
        to: b.to ?? null,
        note: b.note ?? null,
      });
      return c.json({ note: noteJson(note), proposals: await s.present(athlete.id, proposals) }, 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'none',
      method: 'post',
      path: '/{planId}/health-notes/{noteId}/end',
      tags,
      security,
      summary: 'Say when the illness or injury ended: the way back in is planned from that day',
      request: { params: HealthNoteParams, body: jsonBody(HealthNoteEnd) },
      responses: { 200: json(HealthNoteAnswer, 'The note and what it proposes'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const s = c.var.services.adapt;
      const { note, proposals } = await s.endHealthNote(
        athlete,
        c.req.valid('param').planId,
        c.req.valid('param').noteId,
        c.req.valid('json').to,
      );
      return c.json({ note: noteJson(note), proposals: await s.present(athlete.id, proposals) }, 200);
    },
  );
