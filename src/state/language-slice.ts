import type { StateCreator } from 'zustand';
import type { Lang } from '../core/catalogue/catalogue';
import type { AppState } from './app-store';

/** The language of the whole UI and of the map labels. Chinese first. */
export interface LanguageSlice {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
}

export const createLanguageSlice: StateCreator<AppState, [], [], LanguageSlice> = (set) => ({
  lang: 'zh',
  setLang: (lang) => set({ lang }),
});
