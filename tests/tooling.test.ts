import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers';

const ESLINT_BIN = path.join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/**
 * `npm test` runs ESLint (with type information) and Prettier over the tree; these show that each one really fails
 * on a planted violation, so a passing run means something.
 */
describe('the lint and format checks of npm test', () => {
  const planted = 'shared/text/slug.ts';
  const original = fs.readFileSync(path.join(REPO_ROOT, planted), 'utf8');

  it(
    'ESLint passes the file as it is and fails a dropped promise and a misused one planted beside it',
    { timeout: 180_000 },
    () => {
      // Linted from disk by the command line in its own process, as `npm run lint` does: a planted copy linted from
      // memory made typescript-eslint rebuild its program mid-process, which lost the file's imports on a loaded CI.
      const plantedFile = path.join(REPO_ROOT, 'shared', 'text', `planted-by-tooling-test-${process.pid}.ts`);
      fs.writeFileSync(
        plantedFile,
        `import { slugify } from './slug';

export async function plantedSave(): Promise<string> {
  return slugify('Tin tức');
}
export function plantedCaller(items: string[]): void {
  plantedSave();
  items.forEach(async () => plantedSave());
}
`,
      );
      try {
        const lint = (file: string) =>
          spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', file], { cwd: REPO_ROOT, encoding: 'utf8' });
        const clean = lint(planted);
        expect(clean.status, clean.stderr).toBe(0);

        const dirty = lint(path.relative(REPO_ROOT, plantedFile));
        expect(dirty.status, dirty.stderr).toBe(1);
        const [report] = JSON.parse(dirty.stdout) as { messages: { ruleId: string | null }[] }[];
        expect(report?.messages.map((m) => m.ruleId).sort()).toEqual([
          '@typescript-eslint/no-floating-promises',
          '@typescript-eslint/no-misused-promises',
        ]);
      } finally {
        fs.rmSync(plantedFile, { force: true });
      }
    },
  );

  it('Prettier accepts the file as it is and refuses it mis-formatted', async () => {
    const options = { ...(await prettier.resolveConfig(path.join(REPO_ROOT, planted))), filepath: planted };
    expect(await prettier.check(original, options)).toBe(true);
    expect(await prettier.check(original.replace(/'/g, '"').replace(/\n {2}/g, '\n    '), options)).toBe(false);
  });
});
