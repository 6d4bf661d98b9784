import { describe, expect, it } from 'vitest';
import { decodePolyline, encodePolyline } from './polyline';

describe('encoded polyline', () => {
  it("encodes Google's documented example and decodes it back", () => {
    // https://developers.google.com/maps/documentation/utilities/polylinealgorithm
    const points = [
      { lat: 38.5, lon: -120.2 },
      { lat: 40.7, lon: -120.95 },
      { lat: 43.252, lon: -126.453 },
    ];
    expect(encodePolyline(points)).toBe('_p~iF~ps|U_ulLnnqC_mqNvxq`@');
    expect(decodePolyline('_p~iF~ps|U_ulLnnqC_mqNvxq`@')).toEqual(points);
  });

  it('rounds to 1e-5 degrees and stops at a truncated point instead of inventing one', () => {
    const back = decodePolyline(encodePolyline([{ lat: 51.123456, lon: -0.987654 }]));
    expect(back).toEqual([{ lat: 51.12346, lon: -0.98765 }]);
    const cut = encodePolyline([
      { lat: 1, lon: 2 },
      { lat: 3, lon: 4 },
    ]);
    expect(decodePolyline(cut.slice(0, -2))).toEqual([{ lat: 1, lon: 2 }]);
    expect(decodePolyline('')).toEqual([]);
  });
});
