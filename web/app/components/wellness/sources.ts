// The names of wellness sources as the athlete reads them.
const SOURCE_NAMES: Record<string, string> = {
  garmin: 'Garmin',
  polar: 'Polar',
  garmin_export: 'Garmin export',
  fit: 'FIT file',
  checkin: 'You',
};
export const sourceName = (s: string) => SOURCE_NAMES[s] ?? s;
