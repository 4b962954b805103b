import { useEffect, useRef } from 'react';
import { useTranslate } from '../use-translate';

/** Something that owns a map inside a DOM element and lets go of it on unmount. */
export interface MapHandle {
  destroy(): void;
}

/**
 * Mounts the map exactly once. The map itself is owned outside React (see src/map/map-view.ts)
 * and hears about state changes through the store, not through re-renders.
 */
export function MapContainer({ createMap }: { createMap: (container: HTMLElement) => MapHandle }) {
  const { t } = useTranslate();
  const containerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const handle = createMap(container);
    return () => {
      handle.destroy();
    };
  }, [createMap]);
  return (
    <div ref={containerRef} className="map-container" role="region" aria-label={t('map.label')} />
  );
}
