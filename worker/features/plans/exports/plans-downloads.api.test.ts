// Workout files and the plan PDF through HTTP, each read back with an independent reader: the Garmin
// SDK's Decoder for FIT, saxes for .zwo, unpdf for the PDF.
import { Decoder, Stream } from '@garmin/fitsdk';
import { SaxesParser } from 'saxes';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { plannedWorkouts } from '../../../db/schema';
import type { ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { proAthleteWithPlan, workoutsOf } from './plans-exports.testing';
import type { Step, StepNode } from '../plans.types';

const leaves = (steps: StepNode[]): Step[] => steps.flatMap((n) => (n.kind === 'repeat' ? n.steps : [n]));

function decodeFit(bytes: Uint8Array) {
  const stream = Stream.fromByteArray(Array.from(bytes));
  expect(Decoder.isFIT(stream)).toBe(true);
  const decoder = new Decoder(stream);
  expect(decoder.checkIntegrity()).toBe(true);
  const { messages, errors } = decoder.read();
  expect(errors).toEqual([]);
  return { workout: messages.workoutMesgs?.[0], steps: messages.workoutStepMesgs ?? [] };
}

/** Element names and attributes in document order, as saxes reads them. */
function parseXml(xml: string) {
  const parser = new SaxesParser();
  const elements: { name: string; attrs: Record<string, string> }[] = [];
  parser.on('opentag', (tag) => elements.push({ name: tag.name, attrs: tag.attributes as Record<string, string> }));
  parser.write(xml).close();
  return elements;
}

const fileUrl = (planId: string, workoutId: string, format: string) =>
  `/api/v1/plans/${planId}/workouts/${workoutId}/file?format=${format}`;

describe('workout files and the plan PDF', () => {
  it('a run as FIT: the Decoder reads back its sport, steps, durations and targets', async () => {
    const h = Harness.init();
    const a = await proAthleteWithPlan(h);
    const rows = await workoutsOf(h, a.user.id, a.plan.id);
    const run = rows.find((w) => w.sport === 'run' && (w.steps as StepNode[]).some((s) => s.kind === 'repeat'))!;
    const res = await h.call(fileUrl(a.plan.id, run.id, 'fit'), { cookie: a.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.ant.fit');
    const slug = run.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${run.date}-${slug}.fit"`);
    const { workout, steps } = decodeFit(new Uint8Array(await res.arrayBuffer()));
    expect(workout).toMatchObject({ sport: 'running', wktName: run.title });
    const planned = run.steps as StepNode[];
    const repeats = planned.filter((n) => n.kind === 'repeat' && n.count > 1).length;
    expect(steps).toHaveLength(leaves(planned).length + repeats);
    const timedSteps = steps.filter((s) => s.durationType !== 'repeatUntilStepsCmplt');
    leaves(planned).forEach((p, i) => {
      const got = timedSteps[i]!;
      if (p.durationSec !== null) expect(got).toMatchObject({ durationType: 'time', durationTime: p.durationSec });
      else if (p.distanceM !== null) expect(got).toMatchObject({ durationType: 'distance', durationDistance: p.distanceM });
      // Pace targets without an absolute threshold pace are the zone; RPE and none are open.
      if (p.target?.metric === 'pace') expect(got).toMatchObject({ targetType: 'speed', targetSpeedZone: p.target.zone });
      else if (!p.target || p.target.metric === 'rpe') expect(got.targetType).toBe('open');
    });
    const repeat = steps.find((s) => s.durationType === 'repeatUntilStepsCmplt');
    const block = planned.find((n) => n.kind === 'repeat');
    if (block?.kind === 'repeat') expect(repeat?.repeatSteps).toBe(block.count);
  });

  it('a ride as .zwo (saxes reads it; power as fractions of FTP); a swim or a rest day is a 400 saying why', async () => {
    const h = Harness.init();
    const a = await proAthleteWithPlan(h, { kind: 'bike_event', eventName: 'Gran Fondo' });
    const rows = await workoutsOf(h, a.user.id, a.plan.id);
    const ride = rows.find((w) => w.sport === 'bike' && (w.steps as StepNode[]).length > 1)!;
    const res = await h.call(fileUrl(a.plan.id, ride.id, 'zwo'), { cookie: a.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${ride.date}-[a-z0-9-]+\\.zwo"$`));
    const elements = parseXml(await res.text());
    expect(elements[0]?.name).toBe('workout_file');
    expect(elements.find((e) => e.name === 'sportType')).toBeDefined();
    const total = elements.reduce((sum, e) => sum + Number(e.attrs.Duration ?? 0) * (e.name === 'IntervalsT' ? 0 : 1), 0);
    expect(total).toBeGreaterThan(0);
    const powers = elements.flatMap((e) => ['Power', 'PowerLow', 'PowerHigh', 'OnPower'].map((k) => e.attrs[k]).filter(Boolean));
    expect(powers.length).toBeGreaterThan(0);
    for (const p of powers) {
      expect(Number(p)).toBeGreaterThan(0.3);
      expect(Number(p)).toBeLessThan(2);
    }

    // Days the generator did not make here, written as the plan service would store them.
    const [swim, rest] = await h.db
      .insert(plannedWorkouts)
      .values(
        [
          { sport: 'swim', type: 'technique', title: 'Drills', durationSec: 1800 },
          { sport: 'rest', type: 'rest', title: 'Rest', durationSec: 0 },
        ].map((w) => ({ ...w, planId: a.plan.id, userId: a.user.id, date: a.plan.endDate, phase: 'taper', week: 1 })),
      )
      .returning();
    for (const [id, format, says] of [
      [swim!.id, 'zwo', /swim/],
      [rest!.id, 'fit', /rest/],
      [rest!.id, 'zwo', /rest/],
    ] as const) {
      const r = await h.json<ErrorBody>(fileUrl(a.plan.id, id, format), { cookie: a.cookie });
      expect(r.status, `${format} of ${id}`).toBe(400);
      expectErrorShape(r.body, 'BAD_REQUEST');
      expect(r.body.error.message).toMatch(says);
    }
    // A swim is fine as FIT.
    expect((await h.call(fileUrl(a.plan.id, swim!.id, 'fit'), { cookie: a.cookie })).status).toBe(200);
    const badFormat = await h.json<ErrorBody>(fileUrl(a.plan.id, ride.id, 'gpx'), { cookie: a.cookie });
    expect(badFormat.status).toBe(400);
    expectErrorShape(badFormat.body, 'VALIDATION');
  });

  it('the plan as PDF: unpdf finds the goal and the workouts’ titles', async () => {
    const h = Harness.init();
    const a = await proAthleteWithPlan(h, { eventName: 'Harbour 10K' });
    const res = await h.call(`/api/v1/plans/${a.plan.id}/pdf`, { cookie: a.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${a.plan.startDate}-training-plan.pdf"`);
    const pdf = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain('Harbour 10K');
    const rows = await workoutsOf(h, a.user.id, a.plan.id);
    expect(text).toContain(rows[0]!.title);
  });

  it('another athlete’s plan or workout is a 404; a Free athlete is told the files are Pro', async () => {
    const h = Harness.init();
    const a = await proAthleteWithPlan(h);
    const b = await proAthleteWithPlan(h);
    const w = (await workoutsOf(h, a.user.id, a.plan.id))[0]!;
    for (const path of [fileUrl(a.plan.id, w.id, 'fit'), `/api/v1/plans/${a.plan.id}/pdf`, fileUrl(b.plan.id, w.id, 'fit')]) {
      const r = await h.json<ErrorBody>(path, { cookie: b.cookie });
      expect(r.status, path).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    const free = await proAthleteWithPlan(h, { pro: false });
    const fw = (await workoutsOf(h, free.user.id, free.plan.id))[0]!;
    const refused = await h.json<ErrorBody>(fileUrl(free.plan.id, fw.id, 'fit'), { cookie: free.cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'ENTITLEMENT_REQUIRED', entitlement: { feature: 'exports', requiredTier: 'pro' } });
  });
});
