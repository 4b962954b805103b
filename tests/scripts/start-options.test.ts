import { describe, expect, it } from 'vitest';
import { serveAddresses, serveOptions } from '../../scripts/start-options.mjs';

describe('npm start: where it serves', () => {
  it('serves on localhost:4173 by default', () => {
    expect(serveOptions({}, [])).toEqual({ ok: true, port: 4173, host: 'localhost', lan: false });
  });

  it('honours PORT and HOST, and command-line flags before them', () => {
    expect(serveOptions({ PORT: '8080', HOST: '0.0.0.0' }, [])).toEqual({
      ok: true,
      port: 8080,
      host: '0.0.0.0',
      lan: true,
    });
    expect(serveOptions({ PORT: '8080' }, ['--port', '9000', '--host=192.168.1.20'])).toEqual({
      ok: true,
      port: 9000,
      host: '192.168.1.20',
      lan: true,
    });
  });

  it('refuses a port or host it cannot use, saying what was expected', () => {
    const port = serveOptions({ PORT: 'eighty' }, []);
    expect(port.ok).toBe(false);
    expect(port.ok ? '' : port.message).toContain('1 to 65535');
    expect(serveOptions({}, ['--port', '70000']).ok).toBe(false);
    const host = serveOptions({ HOST: 'a b' }, []);
    expect(host.ok ? '' : host.message).toContain('0.0.0.0');
  });

  it('prints each network address when serving on every interface', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
    };
    expect(serveAddresses({ port: 8080, host: '0.0.0.0' }, interfaces)).toEqual([
      'http://192.168.1.20:8080/',
    ]);
    expect(serveAddresses({ port: 4173, host: 'localhost' }, interfaces)).toEqual([
      'http://localhost:4173/',
    ]);
  });
});
