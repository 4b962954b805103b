import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadLanguage } from '../src/i18n/i18n';
// Components of every part are tested here; the app adds the planner's with its code.
import '../src/i18n/planner-messages';

// The app fetches English before switching to it; the tests use both languages from the start.
await loadLanguage('en');

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});

// jsdom does not lay out, and has no scrollIntoView; a component asking to scroll does nothing here
// (the e2e tests check the scrolling in Chromium).
if (typeof Element !== 'undefined' && !('scrollIntoView' in Element.prototype)) {
  Object.defineProperty(Element.prototype, 'scrollIntoView', { value: () => undefined });
}
