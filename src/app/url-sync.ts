import { parseUrlState, serializeUrlState, type UrlState } from '../core/url/url-state';
import type { Problem } from '../core/result';
import { selectAndReveal } from '../state/actions';
import type { AppState, AppStore } from '../state/app-store';
import { OFFLINE_BASE_MAP_ID } from '../core/base-map/base-map-config';

function urlStateOf(state: AppState): Omit<UrlState, 'view'> {
  return {
    layers: [...state.visibleLayers],
    lang: state.lang,
    sel: state.selectedId,
    base: state.baseMapId,
    statuses: state.shownStatuses === null ? null : [...state.shownStatuses],
    hidden: [...state.hiddenCategories],
  };
}

/** Whether a store change touches what the URL keeps. */
function urlPartsChanged(state: AppState, previous: AppState): boolean {
  return (
    state.visibleLayers !== previous.visibleLayers ||
    state.lang !== previous.lang ||
    state.selectedId !== previous.selectedId ||
    state.baseMapId !== previous.baseMapId ||
    state.shownStatuses !== previous.shownStatuses ||
    state.hiddenCategories !== previous.hiddenCategories
  );
}

/**
 * Keeps `?layers=&lang=&sel=&base=&status=&hide=` and the store in step: the URL loads exactly that state, every user
 * action pushes a history entry, and back/forward restore it. MapLibre's own `hash: 'map'` keeps
 * `#map=zoom/lat/lon`; this module never touches the hash.
 */
export class UrlSync {
  private applying = false;
  /** The base map the URL asks for, until the configured online base maps are known. */
  private wantedBase: string | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: AppStore,
    private readonly layerIds: readonly string[],
    private readonly defaultLayers: readonly string[],
  ) {
    this.unsubscribe = store.subscribe(this.onStoreChange);
    window.addEventListener('popstate', this.onPopState);
  }

  /** Applies the current URL to the store; returns what was wrong with it and whether it set a view. */
  applyLocation(): { problems: readonly Problem[]; hasView: boolean; hasSelection: boolean } {
    const parsed = parseUrlState(window.location.search, window.location.hash, this.layerIds);
    this.applying = true;
    try {
      const state = this.store.getState();
      state.setLang(parsed.state.lang);
      state.setVisibleLayers(parsed.state.layers ?? this.defaultLayers);
      this.wantedBase = parsed.state.base ?? null;
      state.setBaseMap(this.wantedBase ?? OFFLINE_BASE_MAP_ID);
      state.setShownStatuses(parsed.state.statuses ?? null);
      const hidden = new Set(parsed.state.hidden ?? []);
      for (const key of state.hiddenCategories) {
        const [layerId = '', category = ''] = key.split('/');
        if (!hidden.has(key)) state.setCategoryHidden(layerId, category, false);
      }
      for (const key of hidden) {
        const slash = key.indexOf('/');
        state.setCategoryHidden(key.slice(0, slash), key.slice(slash + 1), true);
      }
      if (parsed.state.sel === null) {
        state.select(null);
      } else if (parsed.state.view !== null) {
        // The URL fixes the view too: select without moving the map away from it.
        state.select(parsed.state.sel);
      } else {
        selectAndReveal(this.store, parsed.state.sel);
      }
    } finally {
      this.applying = false;
    }
    return {
      problems: parsed.problems,
      hasView: parsed.state.view !== null,
      hasSelection: parsed.state.sel !== null,
    };
  }

  destroy(): void {
    this.unsubscribe();
    window.removeEventListener('popstate', this.onPopState);
  }

  private readonly onPopState = (): void => {
    this.applyLocation();
  };

  private readonly onStoreChange = (state: AppState, previous: AppState): void => {
    if (this.applying) return;
    // Online base maps arrive after the URL was read: choose the one the link names then.
    if (
      state.onlineBaseMaps !== previous.onlineBaseMaps &&
      this.wantedBase !== null &&
      state.onlineBaseMaps.some((map) => map.id === this.wantedBase)
    ) {
      const wanted = this.wantedBase;
      this.wantedBase = null;
      this.applying = true;
      try {
        state.setBaseMap(wanted);
      } finally {
        this.applying = false;
      }
      return;
    }
    if (state.status !== 'ready') return;
    if (!urlPartsChanged(state, previous) && previous.status === 'ready') return;
    // A base map the link names but the configuration has not delivered yet stays in the URL.
    const { search } = serializeUrlState(
      {
        ...urlStateOf(state),
        ...(this.wantedBase !== null ? { base: this.wantedBase } : {}),
        view: null,
      },
      window.location.search,
    );
    if (search === window.location.search) return;
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    if (previous.status !== 'ready') window.history.replaceState(window.history.state, '', url);
    else window.history.pushState(window.history.state, '', url);
  };
}

/** The URL parameter carrying a shared state: `#map=…&s=<data>` (or `?s=<data>`). */
export const SHARE_PARAM = 's';

type LocationParts = Pick<Location, 'origin' | 'pathname' | 'search' | 'hash'>;

function withoutShare(query: string): string[] {
  return query
    .replace(/^[?#]/, '')
    .split('&')
    .filter((segment) => segment !== '' && !segment.startsWith(`${SHARE_PARAM}=`));
}

function shareValue(query: string): string | null {
  for (const segment of query.replace(/^[?#]/, '').split('&')) {
    if (segment.startsWith(`${SHARE_PARAM}=`)) return segment.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

/**
 * The shared state in the address, read from the hash first (where share links put it, so it
 * never reaches a server) and then the query; null when there is none.
 */
export function readShareParam(location: LocationParts = window.location): string | null {
  return shareValue(location.hash) ?? shareValue(location.search);
}

/** The address without the share parameter (other parameters and the map view unchanged). */
export function addressWithoutShare(location: LocationParts = window.location): string {
  const search = withoutShare(location.search);
  const hash = withoutShare(location.hash);
  return `${location.pathname}${search.length > 0 ? `?${search.join('&')}` : ''}${hash.length > 0 ? `#${hash.join('&')}` : ''}`;
}

/** Drops the share parameter from the address bar without a history entry, so a reload does not import again. */
export function removeShareParam(): void {
  if (readShareParam() === null) return;
  window.history.replaceState(window.history.state, '', addressWithoutShare());
}

/**
 * A link to this page that opens the shared state: the current query (layers, language) and map
 * view, with the encoded state appended to the hash.
 */
export function shareUrlFor(encoded: string, location: LocationParts = window.location): string {
  const search = withoutShare(location.search);
  const hash = [...withoutShare(location.hash), `${SHARE_PARAM}=${encoded}`];
  return `${location.origin}${location.pathname}${search.length > 0 ? `?${search.join('&')}` : ''}#${hash.join('&')}`;
}
