// Where `npm start` serves the atlas: `--port N` / `--host H` on the command line
// (`npm start -- --host 0.0.0.0 --port 8080`), else the PORT and HOST environment variables, else
// port 4173 on localhost (this computer only). Kept apart from start.mjs so it can be tested.

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = 'localhost';

/** The value after `--name` or in `--name=value`, or undefined. */
function argument(argv, name) {
  for (let i = 0; i < argv.length; i += 1) {
    const item = argv[i];
    if (item === `--${name}`) return argv[i + 1];
    if (item.startsWith(`--${name}=`)) return item.slice(name.length + 3);
  }
  return undefined;
}

/**
 * The port and host to serve on, or the one error that stops the start, in plain words.
 * @param {Record<string, string | undefined>} env
 * @param {readonly string[]} argv the arguments after the script name
 * @returns {{ ok: true, port: number, host: string, lan: boolean } | { ok: false, message: string }}
 */
export function serveOptions(env, argv) {
  const rawPort = argument(argv, 'port') ?? env.PORT;
  const rawHost = argument(argv, 'host') ?? env.HOST;
  let port = DEFAULT_PORT;
  if (rawPort !== undefined && rawPort !== '') {
    if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535) {
      return {
        ok: false,
        message: `The port must be a whole number from 1 to 65535 (--port or PORT); found "${rawPort}".`,
      };
    }
    port = Number(rawPort);
  }
  const host = rawHost === undefined || rawHost === '' ? DEFAULT_HOST : rawHost;
  if (!/^[A-Za-z0-9.:%[\]-]{1,255}$/.test(host)) {
    return {
      ok: false,
      message: `The host must be a name or address such as localhost, 0.0.0.0 or 192.168.1.20 (--host or HOST); found "${host}".`,
    };
  }
  const lan = host !== 'localhost' && host !== '127.0.0.1' && host !== '::1';
  return { ok: true, port, host, lan };
}

/**
 * The addresses to print: the host itself, or for 0.0.0.0 / :: (every interface) each IPv4
 * address of this computer's network interfaces.
 * @param {{ port: number, host: string }} options
 * @param {Record<string, readonly { address: string, family: string | number, internal: boolean }[] | undefined>} interfaces
 */
export function serveAddresses(options, interfaces) {
  const all = options.host === '0.0.0.0' || options.host === '::';
  const hosts = all
    ? Object.values(interfaces)
        .flat()
        .filter(
          (entry) =>
            entry !== undefined &&
            !entry.internal &&
            (entry.family === 'IPv4' || entry.family === 4),
        )
        .map((entry) => entry.address)
    : [options.host];
  const list = hosts.length > 0 ? hosts : ['localhost'];
  return list.map(
    (host) => `http://${host.includes(':') ? `[${host}]` : host}:${String(options.port)}/`,
  );
}
