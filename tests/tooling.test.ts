import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers';

/**
 * `npm test` runs ESLint (with type information) and Prettier over the tree; these show that each one really fails
 * on a planted violation, so a passing run means something.
 */
describe('the lint and format checks of npm test', () => {
  const planted = 'shared/text/slug.ts';
  const original = fs.readFileSync(path.join(REPO_ROOT, planted), 'utf8');

  it(
    'ESLint passes the file as it is and fails a dropped promise and a misused one planted in it',
    { timeout: 180_000 },
    async () => {
      const eslint = new ESLint({ cwd: REPO_ROOT });
      const [clean] = await eslint.lintText(original, { filePath: path.join(REPO_ROOT, planted) });
      expect(clean?.messages).toEqual([]);

      const violation = `${original}
export async function plantedSave(): Promise<void> {}
export function plantedCaller(items: string[]): void {
  plantedSave();
  items.forEach(async () => plantedSave());
}
`;
      const [result] = await eslint.lintText(violation, { filePath: path.join(REPO_ROOT, planted) });
      expect(result?.messages.map((m) => m.ruleId)).toEqual(
        expect.arrayContaining(['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises']),
      );
    },
  );

  it('Prettier accepts the file as it is and refuses it mis-formatted', async () => {
    const options = { ...(await prettier.resolveConfig(path.join(REPO_ROOT, planted))), filepath: planted };
    expect(await prettier.check(original, options)).toBe(true);
    expect(await prettier.check(original.replace(/'/g, '"').replace(/\n {2}/g, '\n    '), options)).toBe(false);
  });
});
