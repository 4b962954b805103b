/**
 * The production build served on localhost plus headless Chromium, for the measuring scripts
 * (measure-*.ts). Run `npx vite build` first. `close()` stops both, including the vite process
 * that npx starts (it runs in its own process group).
 */
import { spawn } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';

export interface PreviewBrowser {
  /** `http://127.0.0.1:<port>/` */
  readonly base: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startPreviewBrowser(outDir = 'dist'): Promise<PreviewBrowser> {
  const root = new URL('..', import.meta.url).pathname;
  const port = String(4300 + Math.floor(Math.random() * 500));
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--port', port, '--strictPort', '--host', '127.0.0.1'],
    { cwd: root, stdio: 'ignore', detached: true },
  );
  const base = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  return {
    base,
    browser,
    async close() {
      await browser.close();
      if (server.pid !== undefined) {
        try {
          process.kill(-server.pid);
        } catch {
          server.kill();
        }
      }
    },
  };
}

/**
 * Records every main-thread long task (Long Tasks API) of the page in `window.__tasks` as
 * `[startTime, duration]`; read it back in the page. Call before `goto`.
 */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: number[][] = [];
    Object.assign(window, { __tasks: tasks });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
}
