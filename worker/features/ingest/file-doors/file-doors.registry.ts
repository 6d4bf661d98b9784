// The live doors for the athlete's own device files, one line each (ADR 038). A door is offered where its
// provider client is configured (worker/providers: `files`); everything else — routes, jobs, webhooks, the
// Data sources page — follows from this table.
import type { FileProviderName } from '../../../providers/file-provider/file-provider';
import type { ActivitySource } from '../../activities';

export interface Door {
  provider: FileProviderName;
  /** The activity source of what it brings (the policy row every read consults). */
  source: ActivitySource;
  /** The provider's app as pages name it: in full, as Garmin's brand guidelines ask. */
  label: string;
  /** How activities from it are attributed where they are shown ("Garmin [device]"; the bare brand when the device is unknown). */
  attribution: string;
  /** The recent history asked for on connect, in days. */
  backfillDays: number;
  /** The days of health summaries asked for when the athlete turns wellness on (Garmin's Health API, ADR 071). */
  healthBackfillDays?: number;
  /** The permission to read activity files, where the athlete can untick it on the provider's consent page. */
  requiredScope?: string;
  /** What history connecting brings, as Data sources says it (providers differ: Garmin backfills, Polar does not). */
  onConnect: string;
  /**
   * Wellness the door lets us poll, with the athlete's separate consent (ADR 072): the nights it still lists
   * (`windowDays`; older ones are gone at the provider). Absent where wellness is pushed or not offered.
   */
  wellnessPoll?: { windowDays: number };
  /**
   * The door lists what it holds (Polar's exercises of the last 30 days): each live connection is listed again every
   * few hours for files whose notification never reached us (the worker down, a delivery lost; ADR 091).
   */
  catchUp?: boolean;
  /** The app's name is a trademark the provider's brand guidelines ask to mark on first use (Garmin Connect™). */
  trademark?: boolean;
}

export const DOORS: { readonly [P in FileProviderName]?: Door } = {
  garmin: {
    provider: 'garmin',
    source: 'garmin_api',
    label: 'Garmin Connect',
    attribution: 'Garmin',
    backfillDays: 30,
    healthBackfillDays: 365,
    requiredScope: 'ACTIVITY_EXPORT',
    onConnect: 'On connecting, Cadence asks Garmin for your last 30 days.',
    trademark: true,
  },
  polar: {
    provider: 'polar',
    source: 'polar_api',
    label: 'Polar Flow',
    attribution: 'Polar',
    backfillDays: 30,
    // AccessLink lists only what was uploaded after the athlete registered with our client.
    onConnect: 'Polar shares the sessions you sync from the moment you connect, not older ones.',
    // AccessLink lists sleep and Nightly Recharge for the last 28 days only.
    wellnessPoll: { windowDays: 28 },
    // Polar sends a notification once; a missed one is found by listing.
    catchUp: true,
  },
};

/** The registered doors' names, for route parameters (at least one door is always registered). */
export const DOOR_NAMES = Object.keys(DOORS) as [FileProviderName, ...FileProviderName[]];

export const doorOf = (provider: string): Door | undefined =>
  Object.hasOwn(DOORS, provider) ? DOORS[provider as FileProviderName] : undefined;

/** The door a job belongs to: its kind is `<provider>.<step>`. */
export const doorOfKind = (kind: string): Door | undefined => doorOf(kind.split('.')[0] ?? '');
