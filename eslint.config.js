import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------------------
// Zones: which folder may import which, by the context its code runs in (lib/README.md says what each folder is).
// A zone lists what it may NOT import; everything else is allowed. Entrypoints (wiring), tests, scripts and bench
// are not zones. tests/unit/conventions/lint-zones.test.ts puts a forbidden import into each zone and expects this
// config to fail it, so a zone here is never decorative.
//
// Type-only imports get no exception: `import type` across a zone line is an error like any other import. The
// types a view and its connector share (each page's view model) live in lib/core, which every zone may read,
// so nothing needs the exception, and a view's contract cannot quietly start to depend on the database's shapes.
//
// The rule is ESLint's own no-restricted-imports (regex patterns), plus no-restricted-syntax for import() and
// `import('…').T` types, which no-restricted-imports does not see. Specifiers are matched as written, not
// resolved: each target has an alias pattern (@/lib/store, ~/lib/store, @@/…, ~~/…) and a relative one that
// accepts any run of `../` before the folder name (../store from lib/core, ../../lib/store from components/popup,
// ../../store from lib/content/first-stage). The relative pattern is a little loose (../store from lib/content/
// first-stage would be lib/content/store, which does not exist); it never misses a real path into the target.
// ---------------------------------------------------------------------------------------------------------------

const ALIAS = '(?:@|~|@@|~~)/';
const UP = '(?:\\./)?(?:\\.\\./)+';

/** Import specifiers of each target, as regular expressions (whole-specifier, anchored). */
const TARGETS = {
  'lib/store': [`^${ALIAS}lib/store(?:/|$)`, `^${UP}(?:lib/)?store(?:/|$)`],
  'lib/background': [`^${ALIAS}lib/background(?:/|$)`, `^${UP}(?:lib/)?background(?:/|$)`],
  'lib/content': [`^${ALIAS}lib/content(?:/|$)`, `^${UP}(?:lib/)?content(?:/|$)`],
  'lib/pages': [`^${ALIAS}lib/pages(?:/|$)`, `^${UP}(?:lib/)?pages(?:/|$)`],
  components: [`^${ALIAS}components(?:/|$)`, `^${UP}components(?:/|$)`],
  // The extension API in any spelling: WXT's module, the module wxt.config.ts aliases it to in content scripts,
  // and the polyfill under it. (The globals `browser`, which WXT auto-imports, and `chrome` are caught by
  // no-restricted-globals below.)
  'wxt/browser': ['^wxt/browser(?:/|$)', '^@wxt-dev/browser(?:/|$)', '^webextension-polyfill(?:/|$)'],
  zod: ['^zod(?:/|$)'],
  // The RFC 3161 verifier and what it is made of (~90 KB gzip of ASN.1/PKI code): the worker and the verifier load
  // it when they stamp or verify; a shop page and a view never do (issue 16: content scripts do not grow).
  // certificate.ts reads a custom root with pkijs (settings/save in the worker): the same weight, the same zones.
  'lib/core/timestamp/verify': [
    `^${ALIAS}lib/core/timestamp/(?:verify|certificate)(?:\\.ts)?$`,
    `^${UP}(?:lib/)?core/timestamp/(?:verify|certificate)(?:\\.ts)?$`,
  ],
  pkijs: ['^pkijs(?:/|$)', '^asn1js(?:/|$)'],
};

const PURE = ['lib/core', 'lib/parse', 'lib/rules', 'lib/tickets', 'lib/sites'];

/** The table. `why` ends every message, so an error says the reason and not only the rule. */
const ZONES = [
  {
    from: PURE,
    forbid: ['lib/store', 'lib/background', 'lib/content', 'lib/pages', 'components', 'wxt/browser'],
    why: 'pure code: data and a clock in, results out (runs anywhere, Node too)',
  },
  {
    from: ['lib/content'],
    forbid: ['lib/store', 'lib/background', 'lib/pages', 'components', 'zod', 'lib/core/timestamp/verify', 'pkijs'],
    why: 'runs in every shop page: small, and never the database',
  },
  {
    from: ['lib/background'],
    forbid: ['lib/content', 'lib/pages', 'components'],
    why: 'the worker has no DOM and no page',
  },
  {
    from: ['components'],
    forbid: [
      'wxt/browser',
      'lib/store',
      'lib/background',
      'lib/content',
      'lib/pages',
      'lib/core/timestamp/verify',
      'pkijs',
    ],
    why: "views see their page's actions interface (components/<page>/actions.ts) only",
  },
  {
    from: ['lib/store'],
    forbid: ['lib/background', 'lib/content', 'lib/pages', 'components'],
    why: 'storage knows no caller',
  },
];

/** Every module in lib/ (including lib/pages, lib/model.ts, lib/bundle.ts): never a view. */
const LIB_WIDE = {
  forbid: ['components'],
  why: 'lib/ never imports a view; a view gets what it needs through its actions',
};

const globsOf = (folders) => folders.flatMap((f) => [`${f}/**/*.ts`, `${f}/**/*.tsx`]);

/** ESLint's selector regex cannot hold a bare `/`. */
const selectorRegex = (re) => re.replaceAll('/', '\\/');

function zoneConfig(files, from, forbid, why) {
  const groups = forbid.flatMap((target) =>
    TARGETS[target].map((regex) => ({ regex, message: `${from} may not import ${target}: ${why}.` })),
  );
  const syntax = forbid.flatMap((target) =>
    TARGETS[target].flatMap((re) => [
      {
        selector: `ImportExpression > Literal.source[value=/${selectorRegex(re)}/]`,
        message: `${from} may not import ${target} (dynamic import): ${why}.`,
      },
      {
        selector: `TSImportType Literal[value=/${selectorRegex(re)}/]`,
        message: `${from} may not import ${target} (import type): ${why}.`,
      },
    ]),
  );
  const rules = {
    'no-restricted-imports': ['error', { patterns: groups }],
    'no-restricted-syntax': ['error', ...syntax],
  };
  if (forbid.includes('wxt/browser'))
    rules['no-restricted-globals'] = [
      'error',
      ...['browser', 'chrome'].map((name) => ({
        name,
        message: `${from} may not use the extension API (the global \`${name}\`): ${why}.`,
      })),
    ];
  return { name: `zones/${from}`, files, rules };
}

// lib-wide first; each zone after it replaces its options for its own files (flat config does not merge a rule's
// options), so every zone inside lib/ carries the lib-wide targets too.
const zoneConfigs = [
  zoneConfig(globsOf(['lib']), 'lib', LIB_WIDE.forbid, LIB_WIDE.why),
  ...ZONES.flatMap((zone) =>
    zone.from.map((folder) => {
      const inLib = folder.startsWith('lib/');
      const forbid = inLib ? [...new Set([...zone.forbid, ...LIB_WIDE.forbid])] : zone.forbid;
      return zoneConfig(globsOf([folder]), folder, forbid, zone.why);
    }),
  ),
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/results.json', 'docs/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...zoneConfigs,
);
