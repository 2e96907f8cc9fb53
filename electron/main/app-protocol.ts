import fs from 'node:fs';
import path from 'node:path';
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { mediaContentType, mediaFilePath } from '../core/media/media-store';
import { rendererFile } from './protocol-paths';

/** The renderer is served from app://toasoan/, a secure standard origin of its own (not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'toasoan';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the renderer, and app://toasoan/media/<file> from mediaDir (<dataDir>/media, the media store's folder). */
export function serveRenderer(rendererDir: string, mediaDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    // The app's own files are only read.
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405 });
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/media/')) {
      const name = url.pathname.slice('/media/'.length);
      const media = mediaFilePath(path.dirname(path.resolve(mediaDir)), name);
      if (!media || !fs.statSync(media, { throwIfNoEntry: false })?.isFile())
        return new Response('Not found', { status: 404 });
      const response = await net.fetch(pathToFileURL(media).toString());
      const headers = new Headers(response.headers);
      headers.set('Content-Type', mediaContentType(name) ?? 'application/octet-stream');
      headers.set('Cache-Control', 'private, max-age=31536000, immutable');
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    }
    let file = rendererFile(root, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) file = path.join(root, 'index.html');
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
