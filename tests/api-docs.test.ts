import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderApiDocs } from '../scripts/gen-api-docs';
import { CHANNEL_NAMES } from '../shared/contract';
import { ERROR_CODES } from '../shared/contract/errors';

const root = path.resolve(__dirname, '..');

describe('docs/api.md', () => {
  it('is what the contract generates (node scripts/api-docs.mjs --check)', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'api-docs.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    // On failure the message says what differs and how to regenerate: node scripts/api-docs.mjs --write
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('documents every channel and every error code', () => {
    const doc = renderApiDocs();
    for (const name of CHANNEL_NAMES) expect(doc).toContain(`#### \`${name}\``);
    for (const code of ERROR_CODES) expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\| \\d{3} \\|`, 'm'));
    expect(doc).toContain('## Revisions and pruning');
    expect(doc).toContain('## Search');
  });

  it('is generated deterministically, with LF line endings', () => {
    const first = renderApiDocs();
    expect(renderApiDocs()).toBe(first);
    expect(first).not.toContain('\r');
    expect(first.endsWith('\n') && !first.endsWith('\n\n')).toBe(true);
    expect(fs.readFileSync(path.join(root, 'docs', 'api.md'), 'utf8').replace(/\r\n/g, '\n')).toBe(first);
  });
});
