import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built atlas, as a `<meta>` tag (the atlas is static files, so
 * no server header can be relied on). Scripts only from the atlas's own files: an imported string
 * that somehow reached HTML could not run. MapLibre runs under it: its worker is a same-origin
 * file (setWorkerUrl), tiles of optional online base maps come over https, images may be blob: or
 * data: URLs. Not applied to the dev server, whose hot reload needs inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'atlas-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}
