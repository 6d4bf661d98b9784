// The API fuzz test's targets for the basemap routes: the offline archive in TILES, then London at zoom 12.
import type { TargetSpec } from '../../../http/api-fuzz-kit.testing';
import { putBasemap } from './tiles.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  'GET /api/v1/maps/style.json': {
    make: async () => {
      await putBasemap();
      return { cookie: null };
    },
  },
  'GET /api/v1/maps/tiles/{z}/{x}/{y}': {
    make: async () => {
      await putBasemap();
      return { cookie: null, params: { z: '12', x: '2046', y: '1361.mvt' } };
    },
  },
};
