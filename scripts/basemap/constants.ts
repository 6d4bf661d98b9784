// What the offline basemap promises its readers (the worker's tests, the dev stack): where it lives and what it says.
/** Where the archive lives in the TILES bucket (wrangler.toml BASEMAP_KEY). */
export const BASEMAP_KEY = 'basemap/v1.pmtiles';
export const LOCAL_ATTRIBUTION = 'Natural Earth (public domain) · local map: synthetic streets near the demo places, none elsewhere';
