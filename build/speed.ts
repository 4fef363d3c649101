/**
 * Build-time speed tuning, one hook for WXT's `vite:build:extendConfig` (wxt.config.ts). What each part
 * does, why, and how to re-measure it: build/speed.md.
 */
import { resolve } from 'node:path';
import type { InlineConfig } from 'vite';
import { FIRST_STAGES } from '../lib/core/hosts';

interface Entry {
  type: string;
  name: string;
}

const ROOT = resolve(import.meta.dirname, '..');

/** Extension pages: zod in a chunk of its own, so the popup's first screen never parses it. */
function splitZod(config: InlineConfig): void {
  const groups = [{ name: 'zod', test: /node_modules[\\/]zod[\\/]/ }];
  const out = config.build?.rolldownOptions?.output;
  if (out && !Array.isArray(out)) out.codeSplitting = { groups };
  else
    config.build = {
      ...config.build,
      rolldownOptions: { ...config.build?.rolldownOptions, output: { codeSplitting: { groups } } },
    };
}

interface OutChunk {
  type: string;
  fileName: string;
  isEntry?: boolean;
  name?: string;
  imports?: string[];
  dynamicImports?: string[];
  moduleIds?: string[];
}

/**
 * The popup's kept first screen (lib/pages/kept-screen.ts) before the two dozen module chunks: its script
 * (preloaded) and the stylesheet, which it waits for, first in the head; the module entry and every
 * modulepreload moved out of the HTML into the painter's tag (`data-entry`, `data-preload`), which starts them
 * once it has painted. Extension pages' files come back about in the order asked for, and a page that asked for
 * them all at once ran the painter only once the chunks were in too. Fails the build when popup.html no
 * longer loads the painter or has no module entry.
 */
function keptScreenFirst(html: string): string {
  const script = '<script src="/popup-kept.js"></script>';
  if (!html.includes(script)) throw new Error('build/speed.ts: popup.html no longer loads /popup-kept.js');
  const entries = [
    ...html.matchAll(/[ \t]*<script type="module" crossorigin src="(\/chunks\/[\w.-]+\.js)"><\/script>\n?/g),
  ];
  if (entries.length !== 1) throw new Error('build/speed.ts: popup.html should have exactly one module entry');
  const preloads = [
    ...html.matchAll(/[ \t]*<link rel="modulepreload" crossorigin href="(\/chunks\/[\w.-]+\.js)">\n?/g),
  ];
  const css = html.match(/[ \t]*<link rel="stylesheet"[^>]*>\n?/g) ?? [];
  let out = html;
  for (const m of [...entries, ...preloads]) out = out.replace(m[0], '');
  for (const c of css) out = out.replace(c, '');
  const files = [...new Set(preloads.map((m) => m[1] as string))];
  out = out.replace(
    script,
    `<script src="/popup-kept.js" data-entry="${entries[0]?.[1] ?? ''}" data-preload="${files.join(' ')}"></script>`,
  );
  const first = ['    <link rel="preload" as="script" href="/popup-kept.js">\n', ...css].join('');
  return out.replace(/(<\/title>\n)/, `$1${first}`);
}

/**
 * The popup's UI chunks preloaded from its HTML. entrypoints/popup/main.tsx starts the data reads first and
 * imports the UI (./mount) dynamically; without this the browser asks for the UI's chunks only once that
 * script runs, a second round of loads on the first screen's path. Only the dynamic import of the popup's
 * mount and what it imports statically; never zod (validation is off the first screen). Fails the build
 * when the popup entry has no such import, so a moved file cannot turn this off silently.
 */
const preloadPopupUi = {
  name: 'shopwitness:preload-popup-ui',
  transformIndexHtml: {
    order: 'post' as const,
    handler(_html: string, ctx: { filename: string; bundle?: Record<string, OutChunk>; chunk?: OutChunk }) {
      if (!ctx.bundle || !ctx.chunk || !/[\\/]popup[\\/]index\.html$/.test(ctx.filename)) return undefined;
      const bundle = ctx.bundle;
      const mount = (ctx.chunk.dynamicImports ?? []).filter((f) =>
        bundle[f]?.moduleIds?.some((id) => /[\\/]entrypoints[\\/]popup[\\/]mount\.tsx$/.test(id)),
      );
      if (mount.length !== 1) throw new Error('build/speed.ts: the popup entry no longer imports ./mount dynamically');
      const have = new Set([ctx.chunk.fileName, ...(ctx.chunk.imports ?? [])]);
      const files: string[] = [];
      const visit = (f: string) => {
        const c = bundle[f];
        if (have.has(f) || !c || c.type !== 'chunk') return;
        have.add(f);
        if (c.moduleIds?.some((id) => /node_modules[\\/]zod[\\/]/.test(id)))
          throw new Error(`build/speed.ts: zod would be preloaded by the popup (${f})`);
        files.push(f);
        for (const i of c.imports ?? []) visit(i);
      };
      visit(mount[0] as string);
      return files.map((f) => ({
        tag: 'link',
        attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
        injectTo: 'head' as const,
      }));
    },
  },
};

/** After the UI preloads are in the HTML (the plugin above): the popup's modules started by its painter. */
const popupKeptFirst = {
  name: 'shopwitness:popup-kept-first',
  transformIndexHtml: {
    order: 'post' as const,
    handler(html: string, ctx: { filename: string; bundle?: unknown }) {
      if (!ctx.bundle || !/[\\/]popup[\\/]index\.html$/.test(ctx.filename)) return undefined;
      return keptScreenFirst(html);
    },
  },
};

/** V8's compile hint as the first line of every chunk, after minifying (which drops comments). */
const compileHint = {
  name: 'shopwitness:compile-hint',
  generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
    for (const chunk of Object.values(bundle))
      if (chunk.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code ?? ''}`;
  },
};

/**
 * Content scripts: the native promise API instead of webextension-polyfill, our own content-script
 * context instead of WXT's (none in a first stage), and the compile hint on a first stage.
 */
function tuneContentScript(entrypoints: readonly Entry[], config: InlineConfig): void {
  const own = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
  const firstStage = entrypoints.length === 1 && !!entrypoints[0] && Object.hasOwn(FIRST_STAGES, entrypoints[0].name);
  const context = {
    find: /^wxt\/utils\/content-script-context$/,
    replacement: resolve(ROOT, firstStage ? 'lib/content/first-stage/context.ts' : 'lib/content/context.ts'),
  };
  const alias = config.resolve?.alias;
  const rest = Array.isArray(alias)
    ? alias
    : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
  config.resolve = { ...config.resolve, alias: [own, context, ...rest] };
  if (firstStage) config.plugins = [...(config.plugins ?? []), compileHint];
}

export function speedTuning(entrypoints: readonly Entry[], config: InlineConfig): void {
  // The popup's kept-screen painter (entrypoints/popup-kept.ts): one small IIFE that runs all its code at once.
  if (entrypoints.length === 1 && entrypoints[0]?.type === 'unlisted-script') {
    config.plugins = [...(config.plugins ?? []), compileHint];
    return;
  }
  if (entrypoints.every((e) => e.type !== 'content-script' && e.type !== 'background')) {
    splitZod(config);
    config.plugins = [...(config.plugins ?? []), preloadPopupUi, popupKeptFirst];
    return;
  }
  if (entrypoints.every((e) => e.type === 'content-script')) tuneContentScript(entrypoints, config);
}
