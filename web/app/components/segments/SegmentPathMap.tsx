// A segment's path drawn on the route drawing (no tiles yet; the maps slice's MapLibre component replaces it).
import { useMemo } from 'react';
import { RouteMap } from '~/components/activity/RouteMap';
import { decodePolyline } from '../../../../worker/lib/geo';

export function SegmentPathMap({ polyline, label }: { polyline: string; label: string }) {
  const series = useMemo(() => {
    const points = decodePolyline(polyline, 6);
    return {
      t: points.map((_, i) => i),
      d: [],
      values: {},
      lat: points.map((p) => p.lat),
      lng: points.map((p) => p.lon),
    };
  }, [polyline]);
  if (series.lat.length < 2) return null;
  return <RouteMap series={series} range={null} cursor={null} label={label} />;
}
