// Builds the installers: `npm run dist [-- --profile FILE] [electron-builder options]`
// (`dist:win`, `dist:linux`, `dist:mac` add --win, --linux, --mac).
//   1. --profile FILE: the organisation profile is checked against its schema (shared/contract/profile.ts); a bad one
//      is refused here, naming the wrong field, before anything is built. A good one is staged as
//      .tmp/dist-profile/organisation-profile.json and baked into the installer's resources (extraResources).
//      --check-profile-only stops after this step.
//   2. scripts/build.mjs builds dist/ (renderer, main, preload); --no-build uses the dist/ that is there.
//   3. electron-builder runs with electron-builder.cjs (never publishing), the other arguments passed on,
//      e.g. `--dir -c.electronDist=build/electron-standin -c.npmRebuild=false` where Electron cannot be downloaded.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function take(name) {
  const at = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (at === -1) return undefined;
  const [arg] = args.splice(at, 1);
  if (arg.includes('=')) return arg.slice(name.length + 1);
  const [value] = args.splice(at, 1);
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a file / ${name} cần một tệp`);
  return value;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

const profileArg = take('--profile');
const flag = (name) => {
  const at = args.indexOf(name);
  if (at !== -1) args.splice(at, 1);
  return at !== -1;
};
const checkOnly = flag('--check-profile-only');
const noBuild = flag('--no-build');

// One folder per run (two runs at once must not take each other's profile), removed when the run ends.
const stagedDir = path.join(root, '.tmp', `dist-profile-${process.pid}`);
const staged = path.join(stagedDir, 'organisation-profile.json');
fs.rmSync(stagedDir, { recursive: true, force: true });
process.on('exit', () => fs.rmSync(stagedDir, { recursive: true, force: true }));
const env = { ...process.env };
delete env.TOASOAN_PROFILE_RESOURCE;
delete env.TOASOAN_UPDATE_URL;

if (profileArg !== undefined) {
  const file = path.resolve(profileArg);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile())
    fail(`Không có tệp hồ sơ tổ chức / No organisation profile file: ${file}`);
  // The schema is TypeScript: bundle the parser (zod and the contract) for this run.
  const checker = path.join(stagedDir, 'profile-check.mjs');
  await build({
    absWorkingDir: root,
    stdin: {
      contents: "export { parseOrganisationProfile, PROFILE_RESOURCE_NAME } from './shared/contract/profile';",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: checker,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const { parseOrganisationProfile, PROFILE_RESOURCE_NAME } = await import(
    `${pathToFileURL(checker).href}?t=${Date.now()}`
  );
  let profile;
  try {
    profile = parseOrganisationProfile(fs.readFileSync(file), file);
  } catch (error) {
    if (!error || typeof error.messageEn !== 'string') throw error;
    const lines = [error.message, error.messageEn];
    for (const issue of error.issues ?? []) lines.push(`  ✗ ${issue.messageEn}`);
    fail(lines.join('\n'));
  }
  if (path.basename(staged) !== PROFILE_RESOURCE_NAME) fail(`internal: the resource name is ${PROFILE_RESOURCE_NAME}`);
  // What the schema accepted (NFC text, nothing unknown), as the app will read it.
  fs.writeFileSync(staged, `${JSON.stringify(profile, null, 2)}\n`);
  env.TOASOAN_PROFILE_RESOURCE = staged;
  if (profile.updates?.url) env.TOASOAN_UPDATE_URL = profile.updates.url;
  console.log(
    `Hồ sơ tổ chức hợp lệ / Organisation profile OK: ${profile.portal.name} — ${profile.categories.length} categories, ${profile.targets.length} targets` +
      `, updates ${profile.updates?.url ? `from ${profile.updates.url}` : 'off'}; baked in as resources/${PROFILE_RESOURCE_NAME}`,
  );
}
if (checkOnly) process.exit(0);

const run = (command, commandArgs) => {
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!noBuild) run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
run(process.execPath, [builder, '--config', 'electron-builder.cjs', '--publish', 'never', ...args]);
