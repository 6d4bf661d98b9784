// The MCP pieces a reader outside the worker also needs, with no runtime import (Node runs this file as it is): the
// words for an activity kept from an AI, and the cursors a page hands out. The tools and the MCP = REST script share them.
import type { ActivitySource } from '../activities';

/** Why and how to fix an activity the `ai` data use keeps out (ADR 036): the words the issue asks for. */
export const STRAVA_UNAVAILABLE = {
  reason: 'Strava’s API terms do not let Cadence pass Strava data to an AI assistant.',
  fix: 'Upload the original file or your Strava archive and it will be available here.',
} as const;

/** Why a source is kept from an AI, and the fix: Strava's words; another source (none today) gets the general ones. */
export function unavailableFor(source: ActivitySource) {
  return source === 'strava'
    ? { ...STRAVA_UNAVAILABLE }
    : {
        reason: `Cadence’s data policy does not let ${source} data reach an AI assistant.`,
        fix: 'Upload the original file and it will be available here.',
      };
}

/** Cursors are opaque to clients: the instant the next page starts before. */
export const encodeCursor = (before: Date): string => btoa(JSON.stringify({ before: before.toISOString() }));

/** A cursor over a bounded list read whole (segments, the library): the index the next page starts at. */
export const encodeOffset = (offset: number): string => btoa(JSON.stringify({ offset }));
