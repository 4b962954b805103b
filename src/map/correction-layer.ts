import { Marker, type GeoJSONSource } from 'maplibre-gl';
import { labelPoints } from '../core/geo/label-points';
import { translate } from '../i18n/i18n';
import type { AppState } from '../state/app-store';
import { planSourceIds } from './layer-style';
import type { MapPart, PlanLayerContext } from './plan-layer-context';

/**
 * Planners' position corrections on the map: redraws a plan layer when its features change (a
 * correction applied or undone), and while a correction is being made shows a draggable marker
 * at the proposed position; dropping it puts the new position into the store, which the form
 * shows. Positions are WGS 84 in the store and shifted for display over GCJ-02 base maps.
 */
export class CorrectionLayer implements MapPart {
  private marker: Marker | null = null;
  private readonly unsubscribe: () => void;

  /**
   * @param clearPopups closes what covers the point (the place-check sentence that selecting a
   *   feature opens there): the map ignores the pointer over a popup, so it would stop a drag.
   */
  constructor(
    private readonly context: PlanLayerContext,
    private readonly clearPopups: () => void = () => undefined,
  ) {
    this.unsubscribe = context.store.subscribe((state, previous) => {
      if (state.collections !== previous.collections) this.redraw(state, previous);
      if (state.correctionDraft !== previous.correctionDraft || state.lang !== previous.lang)
        this.showDraft(state);
    });
    this.showDraft(context.store.getState());
  }

  destroy(): void {
    this.unsubscribe();
    this.marker?.remove();
  }

  private redraw(state: AppState, previous: AppState): void {
    const { map, display, catalogue } = this.context;
    for (const layer of catalogue.layers) {
      const collection = state.collections[layer.id];
      if (collection === undefined || collection === previous.collections[layer.id]) continue;
      const ids = planSourceIds(layer.id);
      void map.getSource<GeoJSONSource>(ids.features)?.setData(display.collection(collection));
      void map
        .getSource<GeoJSONSource>(ids.labels)
        ?.setData(display.collection(labelPoints(collection)));
    }
  }

  private showDraft(state: AppState): void {
    const draft = state.correctionDraft;
    if (draft === null) {
      this.marker?.remove();
      this.marker = null;
      return;
    }
    const [lon = draft.lon, lat = draft.lat] = this.context.display.toDisplay([
      draft.lon,
      draft.lat,
    ]);
    if (this.marker === null) {
      this.clearPopups();
      const marker = new Marker({
        draggable: true,
        color: '#e8590c',
        className: 'correction-marker',
      })
        .setLngLat([lon, lat])
        .addTo(this.context.map);
      marker.on('dragend', () => {
        const at = marker.getLngLat();
        const [wgsLon = at.lng, wgsLat = at.lat] = this.context.display.fromDisplay([
          at.lng,
          at.lat,
        ]);
        this.context.store.getState().moveCorrectionDraft(wgsLon, wgsLat, true);
      });
      this.marker = marker;
    } else {
      this.marker.setLngLat([lon, lat]);
    }
    const element = this.marker.getElement();
    element.setAttribute('aria-label', translate(state.lang, 'correction.markerLabel'));
    element.dataset['featureId'] = draft.featureId;
  }
}
