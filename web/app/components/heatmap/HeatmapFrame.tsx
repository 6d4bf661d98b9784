// The heatmap's map frame (ADR 100): after hydration, where WebGL exists, MapLibre is loaded lazily and drawn;
// without JavaScript or WebGL the page keeps its numbers and says the map needs them.
import { Component, lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import type { HeatmapGLProps } from './HeatmapGL.client';

const HeatmapGL = lazy(() => import('./HeatmapGL.client').then((m) => ({ default: m.HeatmapGL })));

/** A map that fails to load (an old cached page after a deploy, a network error) leaves the note in place. */
class KeepNote extends Component<{ children: ReactNode; onError: () => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onError();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

function hasWebGl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

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
        <KeepNote onError={() => setState('none')}>
          <Suspense fallback={null}>
            <HeatmapGL {...props} onReady={(basemap) => setState(basemap ? 'map' : 'map-plain')} />
          </Suspense>
        </KeepNote>
      )}
      {state === 'map-plain' ? (
        <p className="routeheat-status" role="status">
          Map background unavailable: your routes are drawn on a plain background.
        </p>
      ) : null}
    </div>
  );
}
