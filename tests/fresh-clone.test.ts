import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDataDir } from './helpers';

/**
 * A user clones the repository with nothing beside it. This clones HEAD into an empty folder (so no `../shared`
 * sits next to the clone), checks that no tracked file reaches outside the repository for project material, and runs
 * the tests that read fixtures from inside the clone.
 */
/** The folder that sits beside the project's own checkout and must never be needed. */
const SIBLING = 'shared';
const RELATIVE_SHARED = /(?:\.\.\/)+shared\/[\w./-]*/g;
/** A path joined from a step up and then the sibling folder's name: out of the tree. */
const JOINED_SIBLING = /['"]\.\.['"],\s*['"]shared['"]/;

/** True when the file names a path outside the clone: `../shared/…` climbing above the root, or a joined sibling. */
function reachesOutside(clone: string, file: string, text: string): boolean {
  if (JOINED_SIBLING.test(text)) return true;
  const folder = path.dirname(path.join(clone, file));
  return [...text.matchAll(RELATIVE_SHARED)].some((match) => {
    const target = path.resolve(folder, match[0]);
    return target !== clone && !target.startsWith(clone + path.sep);
  });
}
/** The tests that read files under tests/fixtures: they must pass in a clone on their own. */
const FIXTURE_READERS = [
  'tests/shared/text.test.ts',
  'tests/render/portal-page.test.ts',
  'tests/renderer/paste.test.ts',
];

/** This environment without colour, so the child's summary reads as plain text. */
function plainOutputEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return env;
}

const isGitCheckout = fs.existsSync(path.join(REPO_ROOT, '.git'));
if (!isGitCheckout)
  console.info('[fresh-clone] skipped: this tree is not a git checkout, so there is no HEAD to clone');

describe.skipIf(!isGitCheckout)('a fresh clone of HEAD with nothing beside it', () => {
  const parent = tempDataDir('toasoan-clone-');
  const clone = path.join(parent, 'toasoan');
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone]);

  it('has nothing beside it: no ../shared', () => {
    expect(fs.existsSync(path.join(path.dirname(clone), SIBLING))).toBe(false);
  });

  it('has no tracked file that refers to ../shared', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: clone, encoding: 'utf8' }).split('\0');
    const offenders = tracked.filter((file) => {
      // The fixtures' READMEs tell where they came from; this file spells out the patterns it looks for.
      if (!file || file.startsWith('tests/fixtures/') || file === 'tests/fresh-clone.test.ts') return false;
      const full = path.join(clone, file);
      if (!fs.statSync(full).isFile()) return false;
      const text = fs.readFileSync(full);
      if (text.includes(0)) return false; // binary
      return reachesOutside(clone, file, text.toString('utf8'));
    });
    expect(offenders).toEqual([]);
  });

  it('carries the fixtures the tests read, with their README', () => {
    for (const file of ['README.md', 'seed-article.json', 'paste/README.md', 'paste/word-numbered-list.html']) {
      expect(fs.existsSync(path.join(clone, 'tests', 'fixtures', file)), file).toBe(true);
    }
  });

  it('passes the fixture-reading tests inside the clone', { timeout: 600_000 }, () => {
    // The clone shares this checkout's installed packages (installing them again is `npm ci`'s job, not this test's).
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    const vitest = path.join(clone, 'node_modules', 'vitest', 'vitest.mjs');
    const output = execFileSync(process.execPath, [vitest, 'run', ...FIXTURE_READERS], {
      cwd: clone,
      encoding: 'utf8',
      env: plainOutputEnv(),
    });
    expect(output).toMatch(new RegExp(`Test Files\\s+${FIXTURE_READERS.length} passed`));
  });
});
