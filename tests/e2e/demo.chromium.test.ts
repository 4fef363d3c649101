/**
 * `npm run demo` (scripts/demo.ts) as a newcomer runs it: headless it prints the walk-through with amounts
 * and times, the complaint text, and a bundle that `npm run verify` accepts; under xvfb-run it behaves as
 * headless; Ctrl-C leaves no browser profile behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserAvailable, CHROME_EXT, CHROMIUM, ROOT } from './harness/paths';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const BUNDLE = join(ROOT, '.output/demo/shopwitness-demo-bundle.zip');
const profiles = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('sw-chromium-')));

function demo(env: Record<string, string | undefined>) {
  const full = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete full[k];
  return spawnSync('npx', ['tsx', 'scripts/demo.ts'], { cwd: ROOT, encoding: 'utf8', env: full, timeout: 150_000 });
}

describe.runIf(run)('npm run demo', () => {
  it('headless: prints amounts, alerts and the complaint, writes a bundle that verifies, leaves no profile', () => {
    const before = profiles();
    const r = demo({ DISPLAY: undefined });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('实付 paid ¥129.00');
    expect(r.stdout).toContain('¥89.90');
    expect(r.stdout).toMatch(/price-drop ¥39\.10/);
    expect(r.stdout).toContain('no-pickup');
    expect(r.stdout).toContain('请退还差价 ¥39.10');
    expect(r.stdout).toContain(`Evidence bundle written to ${BUNDLE}`);
    expect(r.stdout).toContain('OK (self-asserted): bundle verifies');
    expect(r.stdout).toMatch(/key fingerprint: [0-9a-f]{64}/);
    expect(existsSync(BUNDLE)).toBe(true);
    // Intact but self-asserted: the demo does not turn trusted time on.
    expect(spawnSync('npx', ['tsx', 'scripts/verify.ts', BUNDLE], { cwd: ROOT }).status).toBe(2);
    expect([...profiles()].filter((p) => !before.has(p))).toEqual([]);
  });

  it('under xvfb-run (a display nobody sees) it runs headless and exits', () => {
    // No X server answers on :97: a headed launch would fail, so success means it stayed headless.
    const r = demo({ DISPLAY: ':97', XAUTHORITY: '/tmp/xvfb-run.demo-test/Xauthority' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Under xvfb-run nobody can see the browser');
  });

  it('Ctrl-C closes the browser and removes its profile', async () => {
    const before = profiles();
    const env = { ...process.env };
    delete env.DISPLAY;
    const child = spawn('npx', ['tsx', 'scripts/demo.ts'], { cwd: ROOT, env, detached: true });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no first step in time: ${out}`)), 90_000);
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('1. ')) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    expect([...profiles()].filter((p) => !before.has(p))).toHaveLength(1);
    // As a terminal does: SIGINT to the whole process group (npx, tsx and node).
    process.kill(-child.pid!, 'SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).not.toBe(0);
    const left = () => [...profiles()].filter((p) => !before.has(p));
    for (let i = 0; i < 20 && left().length; i++) await new Promise((r) => setTimeout(r, 500));
    expect(left()).toEqual([]);
  });
});
