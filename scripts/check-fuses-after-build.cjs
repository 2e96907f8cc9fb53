// electron-builder afterAllArtifactBuild hook: reads back the fuses electron-builder flipped (`electronFuses` in
// electron-builder.cjs) in every packaged app of the output folder, and fails the build if one did not take.
// (Not afterPack: electron-builder flips the fuses after that hook, right before signing.)
const { packagedApps, readBackFuses } = require('./fuses.cjs');

exports.default = async function checkFusesAfterBuild(buildResult) {
  const apps = packagedApps(buildResult.outDir);
  if (apps.length === 0) throw new Error(`no packaged app to read the fuses of in ${buildResult.outDir}`);
  for (const app of apps) {
    const fuses = await readBackFuses(app);
    for (const { fuse, wanted, actual, ok } of fuses)
      console.log(`  • fuse ${fuse}: ${actual} (wanted ${wanted})${ok ? '' : '  ← NOT SET'}`);
    const wrong = fuses.filter((f) => !f.ok);
    if (wrong.length > 0) throw new Error(`fuses not set in ${app}: ${wrong.map((f) => f.fuse).join(', ')}`);
  }
  return [];
};
