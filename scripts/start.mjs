// `npm start`: build the app if the build is missing or older than its sources, then serve the
// production build on the embedded data and print its address. `npm start -- --host 0.0.0.0
// --port 8080` (or HOST / PORT in the environment) serves it to the local network.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { serveAddresses, serveOptions } from './start-options.mjs';

const options = serveOptions(process.env, process.argv.slice(2));
if (!options.ok) {
  console.error(options.message);
  process.exit(2);
}

const root = new URL('..', import.meta.url).pathname;
const builtIndex = join(root, 'dist', 'index.html');
const sources = ['src', 'geodata', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

/** Newest modification time under a path, in ms (raw/ is provenance, not an app input). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'raw' || entry === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const sourcesTime = Math.max(...sources.map((path) => newest(join(root, path))));
const buildTime = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (buildTime < sourcesTime) {
  console.log(
    buildTime === 0 ? 'Building the atlas…' : 'Sources changed since the last build; rebuilding…',
  );
  const build = spawnSync(npx, ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(build.status ?? 1);
  }
} else {
  console.log('The build in dist/ is up to date.');
}

const port = String(options.port);
const addresses = serveAddresses(options, networkInterfaces());
console.log(`Serving CQ Commerce Atlas at ${addresses.join(' and ')} (Ctrl+C to stop)`);
if (options.lan) {
  console.log(
    'Other computers on the network can open that address; this one can also use localhost.',
  );
}
const server = spawn(
  npx,
  ['vite', 'preview', '--port', port, '--strictPort', '--host', options.host],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
