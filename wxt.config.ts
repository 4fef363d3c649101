import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { FIRST_STAGES, SHOP_MATCHES } from './lib/core/hosts';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // Content scripts use the native promise API (`browser` in Firefox, `chrome` in Chrome MV3), not
    // webextension-polyfill: the polyfill is ~3 KB gzip on every shop page and its setup runs on each load.
    'vite:build:extendConfig'(entrypoints, config) {
      if (entrypoints.every((e) => e.type !== 'content-script' && e.type !== 'background')) {
        // Extension pages: zod in a chunk of its own, so a page whose first screen validates nothing
        // (the popup) does not parse it before its first frame (it would share the pages' common chunk).
        const out = config.build?.rolldownOptions?.output;
        // And the popup's first-screen modules in one chunk: they were eight files, each a request and a
        // module record before the popup's script starts (popup:script − DOM-interactive 17 ms instead of
        // 40 ms in one A/B pair; within noise in others). The other pages load the same chunk.
        const groups = [
          { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          {
            name: 'first-screen',
            test: /lib[\\/](?:\w+[\\/])?(popup-connector|popup-view|order-rows|db|settings-raw|platforms|thumbnails|clock|alert-open|background-now|storage-full|order-page|page-size)\.ts|node_modules[\\/](idb|webextension-polyfill|@wxt-dev)[\\/]/,
          },
        ];
        if (out && !Array.isArray(out)) out.codeSplitting = { groups };
        else
          config.build = {
            ...config.build,
            rolldownOptions: { ...config.build?.rolldownOptions, output: { codeSplitting: { groups } } },
          };
        return;
      }
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const own = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      const firstStage =
        entrypoints.length === 1 && !!entrypoints[0] && Object.hasOwn(FIRST_STAGES, entrypoints[0].name);
      // Our own content-script context in place of WXT's (lib/content/context.ts says why); a first stage uses none.
      const context = {
        find: /^wxt\/utils\/content-script-context$/,
        replacement: resolve(
          import.meta.dirname,
          firstStage ? 'lib/content/first-stage/context.ts' : 'lib/content/context.ts',
        ),
      };
      const alias = config.resolve?.alias;
      const rest = Array.isArray(alias)
        ? alias
        : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = { ...config.resolve, alias: [own, context, ...rest] };
      // A first stage (lib/content/first-stage/runner.ts) runs nearly all of its code on every load: V8's compile hint
      // has it compiled with the script instead of function by function on first call (one parse, not a
      // pre-parse and then a full one; ~0.6 ms less on the heavy bench page). Not on the full scripts:
      // most of their code never runs on a given page, and compiling it all cost more than it saved.
      if (firstStage) {
        // After minifying (which drops comments), as the script's first line.
        const hint = {
          name: 'shopwitness:compile-hint',
          generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
            for (const chunk of Object.values(bundle))
              if (chunk.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code ?? ''}`;
          },
        };
        config.plugins = [...(config.plugins ?? []), hint];
      }
    },
  },
  manifestVersion: 3,
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}-{{manifestVersion}}.zip',
    includeSources: [],
  },
  manifest: ({ browser, mode }) => {
    const test = mode === 'test';
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'zh_CN',
      permissions: [
        'storage',
        'unlimitedStorage',
        'alarms',
        'notifications',
        'tabs',
        'activeTab',
        'contextMenus',
        // A first-stage content script (lib/content/first-stage/runner.ts) hands a page it cannot read exactly to the full
        // runner, which the background injects into that frame (no install warning; hosts as above).
        'scripting',
        // Chrome: an offscreen document parses re-checked product pages (the worker has no DOMParser).
        ...(browser === 'firefox' ? [] : ['offscreen']),
        ...(browser !== 'firefox' && test ? ['pageCapture'] : []),
      ],
      // Automatic screenshots need <all_urls> in Chrome (captureVisibleTab refuses shop hosts alone);
      // it is optional and asked for from the options page with an explanation. The test build has it
      // granted so e2e can capture without a user gesture (DESIGN.md `build:test`).
      host_permissions: test ? ['<all_urls>'] : SHOP_MATCHES,
      optional_host_permissions: test ? [] : ['<all_urls>'],
      // Chrome: whole-page MHTML beside order, parcel and manual screenshots, once the shopper turns it on in
      // Settings (the permission carries a warning, so it is asked for, not assumed). Firefox has no pageCapture.
      // The test build has it granted so e2e can check the archive without a user gesture.
      ...(browser === 'firefox' ? {} : test ? {} : { optional_permissions: ['pageCapture'] }),
      action: { default_title: '__MSG_extName__' },
      commands: {
        'capture-now': {
          suggested_key: { default: 'Alt+Shift+S' },
          description: '__MSG_commandCapture__',
        },
      },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'shopwitness@shopwitness.example',
                strict_min_version: '142.0',
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : {}),
    };
  },
});
