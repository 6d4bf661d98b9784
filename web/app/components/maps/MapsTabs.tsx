import { PageTabs } from '../ui/PageTabs';

/** The Maps section's tabs: every route on one map, the stretches you race, the routes you send to the watch. */
export function MapsTabs() {
  return (
    <PageTabs
      label="Maps"
      tabs={[
        { to: '/heatmap', label: 'Heatmap' },
        { to: '/segments', label: 'Segments' },
        { to: '/courses', label: 'Courses' },
      ]}
    />
  );
}
