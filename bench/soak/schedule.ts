// When each fault is injected during the soak (minutes from its start), scaled to the run's length: none in
// the warm-up, none in the last minutes (the end must show recovery), never two at once.
import type { Fault } from '../faults/fault.ts';

export interface ScheduledFault {
  name: string;
  atMinute: number;
  /** What users may see while it is on, by design: a 503 with Retry-After (the database), no server (a restart). */
  expect: '503' | 'outage' | null;
  run: Fault;
}

const FAULTS: Omit<ScheduledFault, 'atMinute'>[] = [];

export function faultSchedule(minutes: number): ScheduledFault[] {
  const wanted = process.env.SOAK_FAULTS ?? 'all';
  if (wanted === 'none' || FAULTS.length === 0) return [];
  const list = wanted === 'all' ? FAULTS : FAULTS.filter((f) => wanted.split(',').some((w) => f.name.startsWith(w)));
  // Spread between minute 3 and four minutes before the end.
  const first = Math.min(3, minutes - 1);
  const last = Math.max(first, minutes - 4);
  const step = list.length > 1 ? (last - first) / (list.length - 1) : 0;
  return list.map((f, i) => ({ ...f, atMinute: first + i * step }));
}
