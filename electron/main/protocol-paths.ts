import path from 'node:path';

/**
 * The file under root that a request path names, or null: a path that is not valid percent-encoding, holds a NUL or
 * a backslash, or resolves outside root (`..`, encoded or not) names nothing.
 */
export function rendererFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = path.resolve(root, `.${decoded}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}
