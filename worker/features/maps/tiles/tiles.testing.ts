// Tests' basemap: the offline build (scripts/basemap/build.ts), built once by the global setup and handed to workerd
// by the BASEMAP_FIXTURE service binding (vitest.config.ts), put into the TILES bucket as `npm run dev` puts it.
import { env } from 'cloudflare:test';
import { BASEMAP_KEY } from '../../../../scripts/basemap/constants.ts';

interface FixtureEnv {
  BASEMAP_FIXTURE: Fetcher;
  TILES: R2Bucket;
  BASEMAP_KEY?: string;
}

/** Puts the offline basemap at BASEMAP_KEY in TILES (the same bytes each time, so the same etag). */
export async function putBasemap(): Promise<Uint8Array> {
  const e = env as unknown as FixtureEnv;
  const res = await e.BASEMAP_FIXTURE.fetch('http://basemap.fixture/');
  if (!res.ok) throw new Error(`the basemap fixture answered ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  await e.TILES.put(e.BASEMAP_KEY ?? BASEMAP_KEY, bytes);
  return bytes;
}

export async function removeBasemap(): Promise<void> {
  const e = env as unknown as FixtureEnv;
  await e.TILES.delete(e.BASEMAP_KEY ?? BASEMAP_KEY);
}

/** The tile of a point at zoom z (Web Mercator), as MapLibre would ask for it. */
export function tileOf(lat: number, lng: number, z: number): { x: number; y: number } {
  const s = Math.sin((lat * Math.PI) / 180);
  return {
    x: Math.floor(((lng + 180) / 360) * 2 ** z),
    y: Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z),
  };
}
