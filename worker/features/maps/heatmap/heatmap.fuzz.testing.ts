// The API fuzz test's targets for the heatmap (worker/http/api-fuzz.test.ts collects every feature's): a tile inside
// the grid with a range of whole months in order (the fuzzer's own strings for `from` and `to` do not make months).
import type { TargetSpec } from '../../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  'GET /api/v1/maps/heatmap/{z}/{x}/{y}': {
    make: async () => ({ params: { z: '12', x: '2046', y: '1362.png' }, query: { sport: 'run', from: '2025-01', to: '2026-11' } }),
  },
};
