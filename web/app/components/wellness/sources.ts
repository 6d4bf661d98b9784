// The names of wellness sources as the athlete reads them.
import { WELLNESS_POLICY } from '../../../../worker/features/wellness/browser';

const SOURCE_NAMES: Record<string, string> = {
  garmin: 'Garmin',
  polar: 'Polar',
  garmin_export: 'Garmin export',
  fit: 'FIT file',
  checkin: 'You',
};
/** A source's attribution where its data-use policy asks for one (Garmin's: "Garmin", ADR 071), else its name. */
export const sourceName = (s: string) =>
  (Object.hasOwn(WELLNESS_POLICY, s) ? WELLNESS_POLICY[s as keyof typeof WELLNESS_POLICY].attribution : null) ?? SOURCE_NAMES[s] ?? s;
