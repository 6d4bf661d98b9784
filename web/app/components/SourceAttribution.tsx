import { attributionText } from '~/utils/attribution';

/**
 * Where an activity came from, in one quiet line beside its title: "Strava", "FIT file", "Garmin Forerunner 965".
 * Garmin's brand guidelines ask for this on every view of its data (lists, calendars, the coach's pages), in plain
 * text above the fold and never only in a tooltip; every page showing an activity uses this one component.
 */
export function SourceAttribution({ source, device, className }: { source: string; device?: string | null; className?: string }) {
  return (
    <span className={className ? `source-attribution ${className}` : 'source-attribution'} data-source={source}>
      {attributionText(source, device)}
    </span>
  );
}
