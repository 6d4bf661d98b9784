// A workout's device files: FIT for every sport a device follows; rides add Zwift (.zwo) and the
// indoor-trainer files, .erg in watts from the athlete's FTP and .mrc in % of FTP (issue 38).
// The API answers a file the workout cannot be written as with a 400 saying why.
export const DOWNLOAD_FORMATS = (sport: string): { format: string; label: string }[] => [
  { format: 'fit', label: 'FIT' },
  ...(sport === 'bike'
    ? [
        { format: 'zwo', label: 'Zwift (.zwo)' },
        { format: 'erg', label: 'ERG (watts)' },
        { format: 'mrc', label: 'MRC (% FTP)' },
      ]
    : []),
];

export function WorkoutDownloads({ planId, workoutId, sport }: { planId: string; workoutId: string; sport: string }) {
  const file = (format: string) => `/api/v1/plans/${planId}/workouts/${workoutId}/file?format=${format}`;
  return (
    <p className="plan-downloads">
      Download:{' '}
      {DOWNLOAD_FORMATS(sport).map((d, i) => (
        <span key={d.format}>
          {i > 0 ? ' · ' : null}
          <a href={file(d.format)}>{d.label}</a>
        </span>
      ))}
    </p>
  );
}
