import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { REPO_ROOT } from '../helpers';

/**
 * Every landed migration with the SHA-256 of its file. A landed migration is never edited (a user's data folder
 * already ran it): change the schema with a new file, and add its line here when it lands.
 */
const LANDED: Record<string, string> = {
  '001-categories-articles-revisions.ts': '4930c3f10a741f5361ab56f385e5268217915fd7fa1882e8cbfddee61fc0ea69',
  '002-full-text-index.ts': '0b1af82110313448f9ba470214ad996bfc49f3ad12643cfeabcc7181fcd1f0a1',
  '003-settings-portal-profile.ts': 'cd65feb9d6ed64794e874aaef99e2f3b668c9e2dfeabd6d388f3f40b97aa44fa',
  '004-library-indexes-with-trash.ts': 'd5afbb06a7a044704623d8cd3de539cbea40ac2f1f49f11152fc2444be987e5a',
  '005-users-sessions-comments-audit.ts': 'fd3aeda3d7561deb24bf59c903fa1b54f630b10b56c102de7fd15a677742c5e7',
  '006-publishing.ts': '47b351dc4ba3f443ec98d3c0558d3470037bc68dae4da9b8613abdd55e75725f',
  '007-category-status-index.ts': 'f9fbc2b495ebb4359752958026f86ec999e0df229c9f99527679af52754b47f3',
  '008-approval-chains-signatures.ts': '6a846f8403a84e794f18adf368f4b9500093036b2b82cb40084d1aa8e6a74c6d',
  '009-uncertain-jobs-site-images.ts': '4c2a532874a74abf37bdaba15cae097af70625f97960687fedc9fe7f81e6e332',
  '010-article-attachments.ts': 'b5f01ecfebf55267c5020d7e10666689b1283f23f01b45a77e97b0d138e26bad',
  '011-site-manifest.ts': '0882d43c281b1dcba10c898be4fef100b4866e41c41bde0729aa5793a7e41e29',
  '012-search-index-pending.ts': 'd5b47f06181b80a854727251a12708fba9793e4313d9c1bff5b03a26580f23eb',
  '013-article-version-events.ts': '9fea771939f36d22550f71650cb181b05924fa2a2c13ff84012809166eeb9b6f',
  '014-site-manifest-months-index.ts': '71cf5d2f4605e428517aef2a89677db762ed50cc079c84a880cb42745347c708',
  '015-site-entry-image.ts': '0872ada80cb86b54d0e9136c40007eef06f8b8174e2acbb52d81164b8b482cec',
};

const FOLDER = path.join(REPO_ROOT, 'electron', 'core', 'db', 'migrations');

describe('migrations, one file each', () => {
  const files = fs
    .readdirSync(FOLDER)
    .filter((name) => /^\d{3}-.+\.ts$/.test(name))
    .sort();

  it('are numbered from 1 without gaps, one file per version, all listed in order', () => {
    expect(files.map((name) => Number(name.slice(0, 3)))).toEqual(files.map((_, i) => i + 1));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
  });

  it('are frozen once landed: each landed file is byte for byte what it was', () => {
    for (const [name, hash] of Object.entries(LANDED)) {
      const text = fs.readFileSync(path.join(FOLDER, name));
      expect(crypto.createHash('sha256').update(text).digest('hex'), name).toBe(hash);
    }
  });

  it('import nothing but their type: no live code can change what an old migration does', () => {
    for (const name of files) {
      const imports = fs.readFileSync(path.join(FOLDER, name), 'utf8').match(/^import .*$/gm) ?? [];
      expect(imports, name).toEqual(["import type { Migration } from './migration';"]);
    }
  });
});
