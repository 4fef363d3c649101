/**
 * 京价保 (sunoj/jjb on GitHub), the peer whose code is public: the content scripts its manifest runs on
 * item.jd.com, built from its source at run time into a bench extension loaded beside ours
 * (bench/session.ts). None of its code is in this repository: the source is read from
 * BENCH_PEER_JJB (a clone of sunoj/jjb, a work tree or a bare git dir) or, without it, from
 * /work/.mirror/sunoj+jjb/repo, where the team's `fetch github:sunoj/jjb` tool leaves a bare git dir.
 * Without either, the peer row says how to get it.
 *
 * The build follows the peer's own: its manifest (public/manifest.json) says which files run on the
 * page and in which order; its webpack.config.js says which of them are bundled from src/ (entry) and
 * which are copied from node_modules (jQuery). The bundled ones are built here with vite, minified,
 * with each imported CSS file injected as a <style> element when the script runs (webpack's
 * style-loader does that in the peer's build). Its dependencies are installed with npm at the versions
 * its yarn.lock pins, into node_modules/.cache/shopwitness-bench/jjb (once; npm reads yarn.lock).
 *
 * Its manifest is Manifest V2, which this Chromium no longer loads, so the bench extension is MV3 with
 * the same content_scripts entries (matches, run_at, all_frames, file order). Its background is not
 * run: a stub worker answers the messages its scripts send from a product page the way its background
 * does with default settings (no setting set, no task for the page); the price chart's data, which its
 * background fetches from its server, is never sent, so the chart stays at "加载中".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'vite';
import { matchesAny } from '../lib/core/hosts';
import { BENCH_NAME } from './baselines';
import { HEAVY_URL } from './heavy-page';
import { ROOT } from './util';

export const JJB_MIRROR = '/work/.mirror/sunoj+jjb/repo';
export const JJB_NAME = `${BENCH_NAME}京价保 content scripts`;
const CACHE = join(ROOT, 'node_modules/.cache/shopwitness-bench/jjb');

export const JJB_HOWTO =
  'peer source not present: set BENCH_PEER_JJB to a clone of sunoj/jjb (GitHub; a work tree or a bare git dir), ' +
  `or fetch github:sunoj/jjb with the team's fetch tool (it leaves ${JJB_MIRROR})`;

export interface PeerBuild {
  dir: string;
  /** Where the source was read, and its commit. */
  source: string;
  commit: string;
  /** The files run on the page, in order, with their size. */
  files: { path: string; bytes: number }[];
}

interface Source {
  where: string;
  commit: string;
  read(path: string): string;
  /** Copies folders of the source tree under `to`. */
  copy(paths: string[], to: string): void;
}

function git(gitDir: string, args: string[]): Buffer {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 256 * 1024 * 1024 });
}

function openSource(): Source | null {
  const where = process.env.BENCH_PEER_JJB || JJB_MIRROR;
  if (!existsSync(where)) return null;
  const bare = existsSync(join(where, 'HEAD')) && existsSync(join(where, 'objects'));
  if (bare) {
    return {
      where,
      commit: git(where, ['rev-parse', 'HEAD']).toString().trim(),
      read: (path) => git(where, ['show', `HEAD:${path}`]).toString('utf8'),
      copy(paths, to) {
        const tar = git(where, ['archive', '--format=tar', 'HEAD', ...paths]);
        mkdirSync(to, { recursive: true });
        const r = spawnSync('tar', ['-x', '-C', to], { input: tar });
        if (r.status !== 0) throw new Error(`tar: ${r.stderr.toString()}`);
      },
    };
  }
  if (!existsSync(join(where, 'public/manifest.json'))) return null;
  let commit = 'work tree';
  try {
    commit = execFileSync('git', ['-C', where, 'rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    // not a git work tree: a copy of the files
  }
  return {
    where,
    commit,
    read: (path) => readFileSync(join(where, path), 'utf8'),
    copy(paths, to) {
      for (const p of paths) if (existsSync(join(where, p))) cpSync(join(where, p), join(to, p), { recursive: true });
    },
  };
}

interface ContentScript {
  matches: string[];
  exclude_matches?: string[];
  js?: string[];
  run_at?: string;
  all_frames?: boolean;
}

/** Bare package names imported by a module's source (`import … from 'x'`, `import 'x'`, `require('x')`). */
function packagesImported(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*|\brequire\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
    const spec = m[1] as string;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
  }
  return [...names];
}

/** How the peer's webpack.config.js makes each `static/<name>.js`: bundled from an entry, or copied. */
function webpackOutputs(config: string): Map<string, { bundle?: string; copy?: string }> {
  const out = new Map<string, { bundle?: string; copy?: string }>();
  const entryBlock = /entry\s*:\s*\{([^}]*)\}/.exec(config)?.[1] ?? '';
  for (const m of entryBlock.matchAll(/(\w+)\s*:\s*['"]\.\/([^'"]+\.js)['"]/g))
    out.set(`static/${m[1]}.js`, { bundle: m[2] as string });
  for (const m of config.matchAll(/from\s*:\s*['"](node_modules\/[^'"]+\.js)['"]\s*,\s*to\s*:\s*['"]static\/?['"]/g))
    out.set(`static/${basename(m[1] as string)}`, { copy: m[1] as string });
  return out;
}

/** Installs the packages at the versions the peer's yarn.lock pins, once per (package list, lock file). */
function installDependencies(source: Source, packages: string[]): void {
  const pkg = JSON.parse(source.read('package.json')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const dependencies = Object.fromEntries(
    packages.map((p) => {
      const range = pkg.dependencies?.[p] ?? pkg.devDependencies?.[p];
      if (!range) throw new Error(`${p} is imported but not in the peer's package.json`);
      return [p, range];
    }),
  );
  const manifest = `${JSON.stringify({ private: true, dependencies }, null, 2)}\n`;
  const lock = source.read('yarn.lock');
  const key = createHash('sha256').update(manifest).update(lock).digest('hex');
  const stamp = join(CACHE, 'installed');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return;
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), manifest);
  writeFileSync(join(CACHE, 'yarn.lock'), lock);
  process.stderr.write(`  installing the peer's dependencies (${packages.join(', ')}) into ${relative(ROOT, CACHE)}\n`);
  const r = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: CACHE,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`npm install of the peer's dependencies failed: ${(r.stderr || '').slice(-400)}`);
  writeFileSync(stamp, key);
}

/** CSS imports become a module that adds the file's text as a <style> element, as style-loader does. */
function injectStyles(): Plugin {
  const prefix = '\0bench-peer-style:';
  return {
    name: 'bench-peer-style',
    enforce: 'pre',
    async resolveId(spec, importer) {
      const r = await this.resolve(spec, importer, { skipSelf: true });
      // The suffix keeps vite's own CSS handling off the id.
      return r && /\.css$/.test(r.id) ? `${prefix}${r.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const css = readFileSync(id.slice(prefix.length, -'.js'.length), 'utf8');
      return `const s = document.createElement('style');\ns.textContent = ${JSON.stringify(css)};\ndocument.head.appendChild(s);\n`;
    },
  };
}

/** Answers as the peer's background (src/background.js, its onMessage listener) does with default settings. */
const STUB_WORKER = `chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
  switch (msg.action || msg.text) {
    case 'getSetting':
      reply(undefined);
      break;
    case 'getPageSetting':
      reply({ tasks: [] });
      break;
    case 'productPrice':
      reply({ sku: msg.sku, name: msg.name, price: msg.normal_price, normal_price: msg.normal_price, plus_price: msg.plus_price, pingou_price: msg.pingou_price });
      break;
    case 'saveLoginState':
      reply(msg);
      break;
    default:
      break;
  }
});
`;

/**
 * Builds the peer's item.jd.com content scripts into an extension folder. Null when its source is not
 * present; throws when it is but cannot be built.
 */
export async function buildJjb(): Promise<PeerBuild | null> {
  const source = openSource();
  if (!source) return null;
  const manifest = JSON.parse(source.read('public/manifest.json')) as {
    content_scripts?: ContentScript[];
    permissions?: string[];
  };
  const scripts = (manifest.content_scripts ?? []).filter(
    (s) => matchesAny(s.matches, HEAVY_URL) && !matchesAny(s.exclude_matches, HEAVY_URL),
  );
  const files = scripts.flatMap((s) => s.js ?? []);
  if (!files.length) throw new Error(`the peer's manifest runs no script on ${HEAVY_URL}`);
  const outputs = webpackOutputs(source.read('webpack.config.js'));
  const plan = files.map((file) => {
    const how = outputs.get(file);
    if (!how) throw new Error(`the peer's webpack.config.js does not say how ${file} is made`);
    return { file, ...how };
  });
  const srcDir = join(CACHE, 'source');
  rmSync(srcDir, { recursive: true, force: true });
  source.copy(['src', 'static/style'], srcDir);
  const packages = new Set<string>();
  for (const p of plan) {
    if (p.bundle) for (const name of packagesImported(readFileSync(join(srcDir, p.bundle), 'utf8'))) packages.add(name);
    if (p.copy) packages.add((/^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p.copy)?.[1] ?? '') as string);
  }
  installDependencies(source, [...packages].sort());
  // The sources resolve their packages from the installed node_modules next to them.
  cpSync(srcDir, CACHE, { recursive: true });
  const dir = join(CACHE, 'extension');
  rmSync(dir, { recursive: true, force: true });
  for (const p of plan) {
    const target = join(dir, p.file);
    mkdirSync(dirname(target), { recursive: true });
    if (p.copy) {
      cpSync(join(CACHE, p.copy), target);
      continue;
    }
    await build({
      configFile: false,
      envFile: false,
      logLevel: 'error',
      mode: 'production',
      root: CACHE,
      publicDir: false,
      plugins: [injectStyles()],
      build: {
        outDir: dirname(target),
        emptyOutDir: false,
        minify: true,
        lib: {
          entry: join(CACHE, p.bundle as string),
          formats: ['iife'],
          name: `jjb_${basename(p.file, '.js')}`,
          fileName: () => basename(p.file),
        },
      },
    });
  }
  writeFileSync(join(dir, 'bench-peer-worker.js'), STUB_WORKER);
  writeFileSync(
    join(dir, 'manifest.json'),
    `${JSON.stringify(
      {
        manifest_version: 3,
        name: JJB_NAME,
        version: '1.0',
        description: `Built by the ShopWitness bench from sunoj/jjb ${source.commit}; not part of ShopWitness.`,
        background: { service_worker: 'bench-peer-worker.js' },
        host_permissions: (manifest.permissions ?? []).filter((p) => p.includes('://')),
        content_scripts: scripts.map((s) => ({
          matches: s.matches,
          ...(s.exclude_matches ? { exclude_matches: s.exclude_matches } : {}),
          js: s.js,
          run_at: s.run_at ?? 'document_idle',
          all_frames: s.all_frames ?? false,
        })),
      },
      null,
      2,
    )}\n`,
  );
  return {
    dir,
    source: source.where,
    commit: source.commit.slice(0, 12),
    files: files.map((f) => ({ path: f, bytes: statSync(join(dir, f)).size })),
  };
}

/** `npx tsx bench/peer-jjb.ts`: builds the peer's extension and says where. */
async function main(): Promise<void> {
  const b = await buildJjb();
  console.log(b ? JSON.stringify(b, null, 2) : JJB_HOWTO);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
