// What the browser bundle may import from this feature: plain modules only (no drizzle, services or
// bindings). Server code, pages' loaders and other features use index.ts.
export { sportLabel, SORT_KEYS, SPORTS, ACTIVITY_SOURCES } from './activity.types';
export type { SortKey, Sport } from './activity.types';
