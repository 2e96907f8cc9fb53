import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseUntrustedJsonBytes } from '../../../shared/text/safe-json';

/** The list of files the last rebuild wrote (so the next one removes only its own leftovers). */
export const MANIFEST_FILE = '.toasoan-site.json';
/** The files written since that rebuild, one path a line, appended before each is written. */
export const JOURNAL_FILE = '.toasoan-site.journal';

/**
 * Names this process's temp files: random once (a crashed run's leftovers under a reused pid never collide), then a
 * count — a rebuild writes thousands of files, and asking the system for random bytes for each showed in its profile.
 */
const TEMP_TAG = `${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
let tempCount = 0;

/** Writes a file atomically: a temp file in the same folder, then a rename over the final name (makeDir: false when the folder is known to exist). */
export async function writeAtomic(file: string, data: string | Buffer, makeDir = true): Promise<void> {
  const dir = path.dirname(file);
  if (makeDir) await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${TEMP_TAG}-${(tempCount += 1)}.tmp`);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Every file under dir, as paths relative to dir with '/' separators. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** A path relative to the site folder that stays inside it. */
export function safeRel(rel: string): boolean {
  return (
    rel !== '' &&
    !rel.startsWith('/') &&
    !rel.includes('\\') &&
    rel.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

/**
 * The files of one site folder: every write atomic and recorded (journal) before it happens, so a rebuild can remove
 * whatever the site wrote and no longer produces, and never a file someone else put there.
 */
export class SiteFiles {
  /** Folders made (or found) already: a rebuild writes thousands of files into a few folders. */
  private readonly dirs = new Set<string>();

  constructor(
    readonly root: string,
    private readonly onWrite?: (rel: string) => void,
    /** Off for a rebuild, which records its whole plan in the manifest first. */
    private readonly journal = true,
  ) {}

  private abs(rel: string): string {
    if (!safeRel(rel)) throw new Error(`not a site path: ${rel}`);
    return path.join(this.root, ...rel.split('/'));
  }

  private async record(rel: string, always: boolean): Promise<void> {
    if (this.journal || always) await fs.appendFile(path.join(this.root, JOURNAL_FILE), `${rel}\n`);
  }

  private async put(file: string, data: string | Buffer): Promise<void> {
    const dir = path.dirname(file);
    if (!this.dirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    await writeAtomic(file, data, false);
  }

  async write(rel: string, data: string | Buffer): Promise<void> {
    const file = this.abs(rel);
    await this.record(rel, false);
    await this.put(file, data);
    this.onWrite?.(rel);
  }

  /** Copies source unless a file of the same size is already there (media are named by their content). */
  async copy(rel: string, source: string, size: number): Promise<void> {
    const file = this.abs(rel);
    const present = await fs.stat(file).catch(() => null);
    if (present?.isFile() && present.size === size) return;
    // Images are found while pages are rendered, so even a rebuild records each before copying it.
    await this.record(rel, true);
    await this.put(file, await fs.readFile(source));
    this.onWrite?.(rel);
  }

  /** Removes a file (gone already is fine) and its folder once empty. */
  async remove(rel: string): Promise<void> {
    const file = this.abs(rel);
    await fs.rm(file, { force: true });
    if (rel.includes('/')) {
      await fs.rmdir(path.dirname(file)).then(
        () => this.dirs.delete(path.dirname(file)),
        () => undefined,
      );
    }
  }

  /** Every path the site wrote: the last manifest and the journal since. */
  async previous(): Promise<Set<string>> {
    const out = new Set<string>();
    try {
      // The site's folder may be shared with other people and tools: its manifest is read as untrusted JSON.
      const parsed = parseUntrustedJsonBytes(await fs.readFile(path.join(this.root, MANIFEST_FILE)));
      if (Array.isArray(parsed)) for (const p of parsed) if (typeof p === 'string' && safeRel(p)) out.add(p);
    } catch {
      // No manifest yet (or a damaged one): nothing is known to be ours.
    }
    const journal = await fs.readFile(path.join(this.root, JOURNAL_FILE), 'utf8').catch(() => '');
    for (const line of journal.split('\n')) if (safeRel(line)) out.add(line);
    return out;
  }

  /** Replaces the manifest with these paths and empties the journal (which they include). */
  async saveManifest(rels: Iterable<string>): Promise<void> {
    await writeAtomic(path.join(this.root, MANIFEST_FILE), `${JSON.stringify([...rels].sort())}\n`);
    await fs.rm(path.join(this.root, JOURNAL_FILE), { force: true });
  }
}
