import fs from 'node:fs';

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium; undefined lets Playwright use its own browser if one is installed. */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => !!p,
  );
  return candidates.find((candidate) => fs.existsSync(candidate));
}
