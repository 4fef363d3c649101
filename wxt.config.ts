import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { SHOP_MATCHES } from './lib/core/hosts';
import { BUILTIN_TSA, originPatterns } from './lib/core/timestamp/settings';
import { speedTuning } from './build/speed';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // Speed tuning of what is built (content scripts, the pages' zod chunk): build/speed.md.
    'vite:build:extendConfig': speedTuning,
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
      // Trusted time: each built-in time-stamping authority's origin, asked for only when the shopper turns trusted
      // time on in Settings (a custom authority's origin is asked for under <all_urls>, which covers it).
      host_permissions: test ? ['<all_urls>'] : SHOP_MATCHES,
      optional_host_permissions: test ? [] : ['<all_urls>', ...originPatterns(BUILTIN_TSA)],
      // Chrome: whole-page MHTML beside order, parcel and manual screenshots, once the shopper turns it on in
      // Settings (the permission carries a warning, so it is asked for, not assumed). Firefox has no pageCapture.
      // The test build has it granted so e2e can check the archive without a user gesture.
      ...(browser === 'firefox' ? {} : test ? {} : { optional_permissions: ['pageCapture'] }),
      action: { default_title: '__MSG_actionTitle__' },
      commands: {
        'capture-now': {
          suggested_key: { default: 'Alt+Shift+S' },
          description: '__MSG_commandCapture__',
        },
      },
      ...(browser === 'firefox'
        ? {
            // Firefox's default MV3 policy is "script-src 'self'; upgrade-insecure-requests;": it would turn the
            // worker's request to an http-only time-stamping authority (DigiCert, Sectigo) into https, which they do
            // not answer. The same policy without that one directive (SECURITY.md "Extension pages"): RFC 3161 replies
            // are signed and checked against pinned roots and our nonce, so plain http cannot forge a stamp, and
            // no other request of ours is http (the price re-check is https-only in code).
            content_security_policy: { extension_pages: "script-src 'self'" },
            browser_specific_settings: {
              gecko: {
                id: 'shopwitness@shopwitness.example',
                strict_min_version: '142.0',
                // Self-distributed signed builds update from here (npm run sign:firefox; README).
                ...(process.env.SHOPWITNESS_UPDATE_URL ? { update_url: process.env.SHOPWITNESS_UPDATE_URL } : {}),
                data_collection_permissions: { required: ['none'] },
              },
              // The same build on Firefox for Android (AMO lists it there only with this key). 142 is the first
              // Android version that knows data_collection_permissions. APIs Android lacks: platform-apis.ts.
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
    };
  },
});
