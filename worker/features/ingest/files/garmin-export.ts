// Garmin "export all data" archives (DI_CONNECT). Summaries come from
// DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities.json, streamed object by object; the
// original FIT files from DI-Connect-Uploaded-Files/*.zip. A FIT file and a summary of the same
// activity merge into one activity: the FIT detail (laps, streams, totals) under the summary's
// Garmin activityId, name and calendar date (Garmin computed that date server-side, more reliably
// than a device's local_timestamp). Summaries without a FIT file stay `detailComplete: false`.
//
// Units of the summaries (observed; see docs): startTimeGmt ms epoch; startTimeLocal ms epoch
// shifted to local wall time (so its UTC date is the local date); duration (timer), movingDuration
// and elapsedDuration ms; distance and elevationGain cm; calories kcal; avgRunCadence per leg
// (like FIT and Strava, kept as is).
import { type ActivityInput, sportFromType } from '../../activities/index.ts';
import { localDateIn, num, plausibleOffsetS, utcDate } from './common.ts';
import { ExportObjectScanner } from './json-objects.ts';
import { FileParseError, type SkipSink } from './types.ts';

/** Matches the summaries files wherever the export's top folder sits. */
export const SUMMARY_FILE = /(^|\/)DI_CONNECT\/DI-Connect-Fitness\/[^/]*_summarizedActivities\.json$/i;
/** A Garmin export is recognised by its DI_CONNECT tree. */
export const GARMIN_TREE = /(^|\/)DI_CONNECT\//i;
/** A FIT file and a summary are the same activity when they start this close (and share a sport). */
export const MATCH_WINDOW_MS = 60_000;

type Json = Record<string, unknown>;

/** One summary object → ActivityInput; undefined when it lacks an id or a start. */
export function summaryToActivity(raw: Json, fallbackTimeZone: string): ActivityInput | undefined {
  const id = raw.activityId;
  const startMs = num(raw.startTimeGmt) ?? num(raw.beginTimestamp);
  if ((typeof id !== 'number' && typeof id !== 'string') || String(id) === '' || startMs === undefined) return undefined;
  const localMs = num(raw.startTimeLocal);
  const start = new Date(startMs);
  const type = raw.activityType;
  const typeKey =
    typeof type === 'string'
      ? type
      : type && typeof type === 'object' && typeof (type as Json).typeKey === 'string'
        ? String((type as Json).typeKey)
        : '';
  const sportType = typeof raw.sportType === 'string' ? raw.sportType : '';
  const sportOriginal = typeKey || sportType || 'other';
  let sport = sportFromType(sportOriginal);
  if (sport === 'other' && sportType) sport = sportFromType(sportType);
  const seconds = (value: unknown) => {
    const ms = num(value);
    return ms === undefined ? undefined : Math.round(ms / 1000);
  };
  const metres = (value: unknown) => {
    const cm = num(value);
    return cm === undefined ? undefined : Math.round(cm) / 100;
  };
  const timer = seconds(raw.duration);
  const optional = (value: unknown) => num(value) ?? null;
  return {
    source: 'garmin_export',
    externalId: String(id),
    sport,
    sportOriginal,
    name: typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : sportOriginal,
    startTime: start,
    localStartDate:
      localMs !== undefined && plausibleOffsetS((localMs - startMs) / 1000) ? utcDate(localMs) : localDateIn(start, fallbackTimeZone),
    timezone: null,
    movingTimeS: seconds(raw.movingDuration) ?? timer ?? 0,
    elapsedTimeS: seconds(raw.elapsedDuration) ?? timer ?? 0,
    distanceM: metres(raw.distance) ?? 0,
    elevationGainM: metres(raw.elevationGain) ?? null,
    avgHr: optional(raw.avgHr),
    maxHr: optional(raw.maxHr),
    avgPower: optional(raw.avgPower),
    normalizedPower: optional(raw.normPower),
    avgCadence: num(raw.avgRunCadence) ?? num(raw.avgBikeCadence) ?? num(raw.avgSwimCadence) ?? null,
    calories: optional(raw.calories),
    detailComplete: false,
  };
}

/**
 * Streams one summarizedActivities file, calling `onSummary` per valid object. Bad objects are
 * skipped (`malformed_json`, with their index); a file cut short is reported once at the end.
 */
export async function scanSummaries(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  opts: { fallbackTimeZone: string; maxObjectChars: number; onSummary(a: ActivityInput): void; onSkip: SkipSink },
): Promise<void> {
  let index = -1;
  const bad = (detail: string) => opts.onSkip(`${file}#${index}`, 'malformed_json', detail);
  const scanner = new ExportObjectScanner(
    {
      onObject(text) {
        index += 1;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return bad('invalid JSON');
        }
        const activity =
          value && typeof value === 'object' && !Array.isArray(value) ? summaryToActivity(value as Json, opts.fallbackTimeZone) : undefined;
        if (activity) opts.onSummary(activity);
        else bad('no activityId or start time');
      },
      onOversized() {
        index += 1;
        bad('object too large');
      },
    },
    opts.maxObjectChars,
  );
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of chunks) scanner.write(decoder.decode(chunk, { stream: true }));
    scanner.write(decoder.decode());
    scanner.end();
  } catch (error) {
    if (!(error instanceof FileParseError)) throw error;
    opts.onSkip(file, 'malformed_json', error.message);
  }
}

/** The summaries of an export, waiting for the FIT file that describes the same activity. */
export class SummaryIndex {
  private readonly byId = new Map<string, ActivityInput>();
  private readonly byMinute = new Map<number, ActivityInput[]>();

  get size(): number {
    return this.byId.size;
  }

  /** False when the activityId was already seen (exports can repeat one across files). */
  add(summary: ActivityInput): boolean {
    if (this.byId.has(summary.externalId)) return false;
    this.byId.set(summary.externalId, summary);
    const minute = Math.floor(summary.startTime.getTime() / 60_000);
    const bucket = this.byMinute.get(minute);
    if (bucket) bucket.push(summary);
    else this.byMinute.set(minute, [summary]);
    return true;
  }

  /**
   * Takes the summary of the activity a FIT file describes: by the activityId in Garmin's file
   * name (`…_<activityId>.fit`), else the nearest start within a minute with the same sport.
   */
  claim(fromFile: ActivityInput, fileName: string): ActivityInput | undefined {
    const idInName = /(\d{5,})(?:_ACTIVITY)?\.fit$/i.exec(fileName.split('/').pop() ?? '')?.[1];
    let best = idInName ? this.byId.get(idInName) : undefined;
    if (!best) {
      const at = fromFile.startTime.getTime();
      const minute = Math.floor(at / 60_000);
      let bestGap = Number.POSITIVE_INFINITY;
      for (const m of [minute - 1, minute, minute + 1]) {
        for (const s of this.byMinute.get(m) ?? []) {
          const gap = Math.abs(s.startTime.getTime() - at);
          if (gap <= MATCH_WINDOW_MS && gap < bestGap && s.sport === fromFile.sport) (best = s), (bestGap = gap);
        }
      }
    }
    if (best) this.remove(best);
    return best;
  }

  /** Summaries no file claimed, in the order they were read. */
  remaining(): IterableIterator<ActivityInput> {
    return this.byId.values();
  }

  private remove(summary: ActivityInput): void {
    this.byId.delete(summary.externalId);
    const minute = Math.floor(summary.startTime.getTime() / 60_000);
    const bucket = this.byMinute.get(minute)?.filter((s) => s !== summary);
    if (bucket?.length) this.byMinute.set(minute, bucket);
    else this.byMinute.delete(minute);
  }
}

/** FIT detail under the summary's identity. Numbers the FIT file lacks come from the summary. */
export function mergeWithSummary(fit: ActivityInput, summary: ActivityInput): ActivityInput {
  return {
    ...fit,
    source: 'garmin_export',
    externalId: summary.externalId,
    sport: summary.sport,
    sportOriginal: summary.sportOriginal,
    name: summary.name,
    localStartDate: summary.localStartDate,
    elevationGainM: fit.elevationGainM ?? summary.elevationGainM ?? null,
    avgHr: fit.avgHr ?? summary.avgHr ?? null,
    maxHr: fit.maxHr ?? summary.maxHr ?? null,
    avgPower: fit.avgPower ?? summary.avgPower ?? null,
    normalizedPower: fit.normalizedPower ?? summary.normalizedPower ?? null,
    avgCadence: fit.avgCadence ?? summary.avgCadence ?? null,
    calories: fit.calories ?? summary.calories ?? null,
    detailComplete: true,
  };
}
