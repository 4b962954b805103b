import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { defineConfig, chromium } from '@playwright/test';

/**
 * Which Chromium the end-to-end tests drive: `CHROMIUM_PATH` if set, else the system browser
 * (Debian's `chromium` package), else Playwright's own download (`npx playwright install chromium`).
 * When none exists it tries `npx playwright install chromium` once, and if that fails too the run
 * fails with the instruction instead of skipping.
 */
function findChromium(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) {
      throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file exists there.`);
    }
    return fromEnv;
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return candidate;
  }
  if (existsSync(chromium.executablePath())) return undefined;
  // Where Playwright can fetch its own browser (a laptop with network), try that once before failing.
  process.stderr.write('No Chromium found; trying `npx playwright install chromium` …\n');
  const install = spawnSync('npx', ['playwright', 'install', 'chromium'], {
    stdio: 'inherit',
    timeout: 10 * 60 * 1000,
  });
  if (install.status === 0 && existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one of: the system package ' +
      '(Debian/Ubuntu: `sudo apt-get install chromium`), Playwright’s own browser ' +
      '(`npx playwright install chromium`), or point CHROMIUM_PATH at a Chromium binary.',
  );
}

const executablePath = findChromium();
/** The built app to serve: `dist-test` unless `E2E_DIST` names another build (for parallel runs). */
const DIST = process.env['E2E_DIST'] ?? 'dist-test';
/** The preview server's port; E2E_PORT lets two checkouts run their suites side by side. */
const PORT = Number(process.env['E2E_PORT'] ?? 4174);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: process.env['CI'] !== undefined,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${String(PORT)}/`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      ...(executablePath === undefined ? {} : { executablePath }),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --mode test --outDir ${DIST} --port ${String(PORT)} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${String(PORT)}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
