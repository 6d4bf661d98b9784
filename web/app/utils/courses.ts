// What the courses pages share: the sports as the athlete reads them, and the send's state in words.
export const SPORT_LABELS: Record<string, string> = {
  run: 'Run',
  trail_run: 'Trail run',
  ride: 'Road ride',
  gravel_ride: 'Gravel ride',
  mountain_bike: 'Mountain bike',
  hike: 'Hike or walk',
  other: 'Other',
};
export const SPORT_OPTIONS = Object.entries(SPORT_LABELS).map(([value, label]) => ({ value, label }));
export const GARMIN_LABELS: Record<string, { text: string; tone: 'success' | 'neutral' | 'danger' }> = {
  not_sent: { text: 'Not sent', tone: 'neutral' },
  sent: { text: 'Sent to Garmin', tone: 'success' },
  failed: { text: 'Not sent: Garmin refused', tone: 'danger' },
};
