import { addMessages } from './i18n';
import zh from './zh-CN.planner.json';

/**
 * The planner's messages (analysis, import, scenarios, corrections, export, CLI). Importing this
 * module adds their Chinese at once; `ready` settles when their English is in too, if English
 * was asked for. The public map never imports it.
 */
export const plannerMessagesReady: Promise<void> = addMessages({
  zh,
  en: async () => (await import('./en.planner.json')).default,
});
