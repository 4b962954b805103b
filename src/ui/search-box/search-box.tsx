import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { searchFeatures, type SearchIndex } from '../../core/search/search';
import {
  IMPORTED_SEARCH_LIMIT,
  searchableLayers,
  searchImported,
  type ImportedSearchResult,
} from '../../core/search/search-imported';
import type { AppState } from '../../state/app-store';
import { selectAndReveal } from '../../state/actions';
import { selectSearchIndex } from '../../state/selectors';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { useTranslate } from '../use-translate';

/**
 * Finds plan places by Chinese substring, pinyin, pinyin initials or English; choosing one flies
 * the map to it and selects it.
 */
export function SearchBox({
  selectIndex = selectSearchIndex,
}: {
  /** Which features to search; the public map searches only its own layers. */
  selectIndex?: (state: AppState) => SearchIndex;
}) {
  const { lang, t } = useTranslate();
  const store = useAppStoreApi();
  const index = useAppStore(selectIndex);
  const catalogue = useAppStore((state) => state.catalogue);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const importedLayers = useAppStore((state) => state.importedLayers);
  const results = useMemo(() => searchFeatures(index, query, 8), [index, query]);
  const importedResults = useMemo(
    () => searchImported(searchableLayers(importedLayers), query, IMPORTED_SEARCH_LIMIT),
    [importedLayers, query],
  );
  const itemCount = results.length + importedResults.length;
  const layerTitle = (layerId: string) =>
    catalogue?.layers.find((layer) => layer.id === layerId)?.title[lang] ?? layerId;

  const choose = (featureId: string) => {
    selectAndReveal(store, featureId);
    setOpen(false);
  };
  const chooseImported = (result: ImportedSearchResult) => {
    store.getState().focusImported(result.layerId, result.index);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((current) => Math.min(current + 1, itemCount - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current) => Math.max(current - 1, 0));
    } else if (event.key === 'Enter') {
      const result = results[active];
      const imported = importedResults[active - results.length];
      if (result !== undefined) choose(result.id);
      else if (imported !== undefined) chooseImported(imported);
      else if (results[0] !== undefined) choose(results[0].id);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };
  const showList = open && query.trim() !== '';
  return (
    <div className="search-box" role="search">
      <label className="visually-hidden" htmlFor={`${listId}-input`}>
        {t('search.label')}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        placeholder={t('search.placeholder')}
        value={query}
        maxLength={100}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => {
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {showList ? (
        <ul id={listId} role="listbox" className="search-results" aria-label={t('search.label')}>
          {itemCount === 0 ? (
            <li className="muted search-empty">{t('search.noResults', { query: query.trim() })}</li>
          ) : (
            results.map((result, position) => (
              <li
                key={result.id}
                role="option"
                aria-selected={position === active}
                data-feature-id={result.id}
                className={position === active ? 'active' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(result.id);
                }}
              >
                <span className="result-name">
                  {lang === 'zh' ? result.name_zh : result.name_en}
                </span>
                <span className="result-layer muted">{layerTitle(result.layer)}</span>
              </li>
            ))
          )}
          {importedResults.map((result, position) => (
            <li
              key={`${result.layerId}:${String(result.index)}`}
              role="option"
              aria-selected={position + results.length === active}
              className={position + results.length === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                chooseImported(result);
              }}
            >
              <span className="result-name">{result.label}</span>
              <span className="result-layer muted">
                {t('import.searchHit', { layer: result.layerName })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
