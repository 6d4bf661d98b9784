import type { OptionGroup } from '~/components/ui';

// The full id, so the closed <select> still says "Europe/London" and not just "London".
const label = (zone: string) => zone.replace(/_/g, ' ');

/** IANA zones grouped by region for a <select>; the user's current zone is always present. */
export function timeZoneGroups(current: string): OptionGroup[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(current);
  const groups = new Map<string, OptionGroup>();
  for (const zone of [...zones].sort()) {
    const region = zone.includes('/') ? zone.split('/')[0]! : 'Other';
    let group = groups.get(region);
    if (!group) {
      group = { label: region, options: [] };
      groups.set(region, group);
    }
    group.options.push({ value: zone, label: label(zone) });
  }
  return [...groups.values()];
}
