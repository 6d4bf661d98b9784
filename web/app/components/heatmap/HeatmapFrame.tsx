// The heatmap's map frame (ADR 100): after hydration, where WebGL exists, MapLibre is loaded lazily and drawn;
// without JavaScript or WebGL the page keeps its numbers and says the map needs them.
import { lazy, Suspense, useEffect, useState } from 'react';
import { hasWebGl } from '../maps/map-style';
import { KeepFallback } from '../maps/MapFrame';
import type { HeatmapGLProps } from './HeatmapGL.client';

const HeatmapGL = lazy(() => import('./HeatmapGL.client').then((m) => ({ default: m.HeatmapGL })));

type State = 'none' | 'loading' | 'map' | 'map-plain';

export function HeatmapFrame(props: Omit<HeatmapGLProps, 'onReady'>) {
  const [state, setState] = useState<State>('none');
  useEffect(() => {
    if (hasWebGl()) setState('loading');
  }, []);
  return (
    <div className="routeheat-frame" data-state={state} data-testid="heatmap-frame">
      {state === 'none' ? (
        <p className="routeheat-note">The heatmap draws with JavaScript and WebGL; the counts below need neither.</p>
      ) : (
        <KeepFallback onError={() => setState('none')}>
          <Suspense fallback={null}>
            <HeatmapGL {...props} onReady={(basemap) => setState(basemap ? 'map' : 'map-plain')} />
          </Suspense>
        </KeepFallback>
      )}
      {state === 'map-plain' ? (
        <p className="routeheat-status" role="status">
          Map background unavailable: your routes are drawn on a plain background.
        </p>
      ) : null}
    </div>
  );
}
