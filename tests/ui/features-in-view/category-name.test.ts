import { describe, expect, it } from 'vitest';
import { categoryName } from '../../../src/ui/features-in-view/features-in-view-list';
import { loadedStore } from '../render';

describe('categoryName', () => {
  it('names every category of the shipped layers in words, never by its code', () => {
    const state = loadedStore().getState();
    const codes = new Set<string>();
    for (const collection of Object.values(state.collections)) {
      for (const feature of collection.features) {
        for (const lang of ['zh', 'en'] as const) {
          const name = categoryName(state.catalogue, feature, lang);
          if (/^[a-z][a-z0-9-]*$/.test(name)) codes.add(`${lang}: ${name}`);
        }
      }
    }
    expect([...codes]).toEqual([]);
  });
});
