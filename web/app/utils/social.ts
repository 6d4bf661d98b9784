// The social settings form's switches, in the order the page shows them (the browser bundle reads this too).
export const SETTING_SWITCHES = [
  ['publicPage', 'A public page anyone may open, signed out too'],
  ['inDirectory', 'Findable by name in the people directory'],
  ['hideMap', 'Hide the map on every post'],
  ['hideHeartRate', 'Hide heart rate on every post'],
  ['hidePacePower', 'Hide pace and power on every post'],
  ['hideNotes', 'Hide notes on every post'],
  ['hideWholeMap', 'Hide the whole map, not only its ends'],
  ['leaderboardOptIn', 'Appear on weekly leaderboards'],
] as const;
