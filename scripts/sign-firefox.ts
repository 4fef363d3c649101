/**
 * `npm run sign:firefox`: the Firefox release build signed by addons.mozilla.org, so a normal Firefox keeps
 * it across restarts (an unsigned zip is discarded; a temporary add-on is gone with its alarms at the next
 * start). Self-distribution: the unlisted channel, with the developer's own AMO API keys from the
 * environment (never committed):
 *   AMO_JWT_ISSUER, AMO_JWT_SECRET   keys from https://addons.mozilla.org/developers/addon/api/key/
 *   SHOPWITNESS_UPDATE_URL           optional: the https URL of your updates.json, built into the manifest
 *                                    (browser_specific_settings.gecko.update_url) so installs update themselves
 * Writes the signed .xpi to .output/signed/ and prints its path and SHA-256.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, '.output/signed');

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const issuer = process.env.AMO_JWT_ISSUER;
const secret = process.env.AMO_JWT_SECRET;
if (!issuer || !secret) {
  console.error(
    [
      'sign:firefox needs your addons.mozilla.org API keys in the environment:',
      '  AMO_JWT_ISSUER=user:12345:67 AMO_JWT_SECRET=… npm run sign:firefox',
      'Get them at https://addons.mozilla.org/developers/addon/api/key/ (free; keep them out of the repository).',
      'Optional: SHOPWITNESS_UPDATE_URL=https://…/updates.json to let installs update themselves.',
    ].join('\n'),
  );
  process.exit(2);
}
const update = process.env.SHOPWITNESS_UPDATE_URL;
if (update && !update.startsWith('https://')) {
  console.error(`SHOPWITNESS_UPDATE_URL must be an https URL (Firefox refuses others): ${update}`);
  process.exit(2);
}

run('npm', ['run', 'build:firefox']);
run('npx', [
  'web-ext',
  'sign',
  '--channel=unlisted',
  '--source-dir=.output/firefox-mv3',
  `--artifacts-dir=${OUT}`,
  `--api-key=${issuer}`,
  `--api-secret=${secret}`,
]);
const xpi = readdirSync(OUT)
  .filter((f) => f.endsWith('.xpi'))
  .map((f) => join(OUT, f))
  .sort()
  .at(-1);
if (!xpi) {
  console.error(`web-ext reported success but no .xpi is in ${OUT}`);
  process.exit(1);
}
console.log(`signed: ${xpi}`);
console.log(`sha256: ${createHash('sha256').update(readFileSync(xpi)).digest('hex')}`);
if (update) console.log(`Publish the .xpi and list it in ${update} (see README, "Firefox: an install that lasts").`);
