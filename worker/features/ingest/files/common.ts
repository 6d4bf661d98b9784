// Small helpers every parser shares: calendar dates in a time zone, default names, and byte-stream
// plumbing over web APIs only. Pure (the streaming hash, which needs workerd, is in hash-stream.ts).
import type { Sport } from '../../activities/index.ts';

const EMPTY = new Uint8Array(0);

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant in an IANA zone; UTC when the zone is unknown (never throws). */
export function localDateIn(instant: Date, timeZone: string): string {
  let fmt = dateFormats.get(timeZone);
  if (!fmt) {
    try {
      // en-CA formats dates as YYYY-MM-DD.
      fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return utcDate(instant.getTime());
    }
    dateFormats.set(timeZone, fmt);
  }
  return fmt.format(instant);
}

/** YYYY-MM-DD of an epoch-ms value read as UTC (also used for "local epochs" shifted by an offset). */
export function utcDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** A plausible UTC offset: real ones lie within −12 h … +14 h; anything else is a device bug. */
export function plausibleOffsetS(offsetS: number): boolean {
  return Number.isFinite(offsetS) && Math.abs(offsetS) <= 14 * 3600;
}

const DEFAULT_NAMES: Record<Sport, string> = {
  run: 'Run',
  ride: 'Ride',
  swim: 'Swim',
  walk: 'Walk',
  hike: 'Hike',
  strength: 'Strength',
  other: 'Activity',
};

/** Files carry no title; this is what the athlete sees until they rename it. */
export function defaultName(sport: Sport): string {
  return DEFAULT_NAMES[sport];
}

/** Reads a web stream as an async iterable (typed, and releasing the lock when abandoned). */
export async function* iterateStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value.length) yield value;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}

/** Collects a byte stream, failing once it exceeds `maxBytes` (so a huge file is never held). */
export async function collectBytes(chunks: AsyncIterable<Uint8Array>, maxBytes: number, onTooLarge: () => Error): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) throw onTooLarge();
    parts.push(chunk);
  }
  return concat(parts, total);
}

export function concat(parts: Uint8Array[], total = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  if (!parts.length) return EMPTY;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Finite number or undefined: sources use null, NaN and sentinel values for "absent". */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
