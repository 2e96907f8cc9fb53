import fs from 'node:fs';
import path from 'node:path';
import { parseOrganisationProfile, PROFILE_RESOURCE_NAME } from '../../shared/contract/profile';

/**
 * Where the organisation profile of this installation is: resources/organisation-profile.json in a packaged app
 * (`npm run dist -- --profile FILE` baked it in); `--profile FILE` on the command line of an unpackaged run (`npm start
 * -- --profile FILE`). A packaged app takes no profile from its command line.
 */
export function profileFileFor(run: {
  isPackaged: boolean;
  resourcesPath: string;
  argv: readonly string[];
}): string | null {
  if (run.isPackaged) return path.join(run.resourcesPath, PROFILE_RESOURCE_NAME);
  const at = run.argv.indexOf('--profile');
  const inline = run.argv.find((arg) => arg.startsWith('--profile='));
  const value = inline ? inline.slice('--profile='.length) : at >= 0 ? run.argv[at + 1] : undefined;
  return value ? path.resolve(value) : null;
}

export interface UpdateFeed {
  provider: 'generic';
  url: string;
}

/**
 * The update server, when the installation's profile names one; null — updates off — otherwise, and when the file
 * is missing or not a valid profile (the core reports a bad profile at first run).
 */
export function updateFeedOf(profileFile: string | null): UpdateFeed | null {
  if (!profileFile || !fs.existsSync(profileFile)) return null;
  try {
    const url = parseOrganisationProfile(fs.readFileSync(profileFile), profileFile).updates?.url;
    return url ? { provider: 'generic', url } : null;
  } catch {
    return null;
  }
}
