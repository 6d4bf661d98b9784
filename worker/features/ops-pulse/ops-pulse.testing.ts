// The Ops Pulse tests' reads and clicks: the pulse as an operator gets it, a section or row of it, and a row's button.
import { expect } from 'vitest';
import type { Body } from '../../testing/bodies';
import type { Harness } from '../../testing/harness';
import type { Pulse, Row } from './ops-pulse.schema';

export type PulseBody = Body<typeof Pulse>;

export const ago = (min: number) => new Date(Date.now() - min * 60_000);

export async function pulse(h: Harness, cookie: string): Promise<PulseBody> {
  const res = await h.json<PulseBody>('/api/v1/admin/ops/pulse', { cookie });
  expect(res.status).toBe(200);
  return res.body;
}

export const section = (p: PulseBody, key: string) => p.sections.find((s) => s.key === key)!;
export const rowOf = (p: PulseBody, key: string, id: string): Row | undefined => section(p, key).rows.find((r) => r.id === id);

export async function fix(h: Harness, cookie: string, row: Row) {
  expect(row.fix?.path).toBeTruthy();
  return h.json<Record<string, unknown>>(row.fix!.path!, { method: 'POST', cookie, body: { reason: `Ops Pulse: ${row.label}` } });
}
