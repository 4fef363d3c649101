// @vitest-environment node
/**
 * A lint zone is only real if it fails. For every row of the zones table (lib/README.md) and every target the
 * row forbids, a probe module placed in that zone imports the target, and the project's ESLint config (the one
 * `npm run lint` uses) must report it: once with the `@/` alias and once with a relative path, where the target
 * is one of our folders. Allowed imports from the same probe paths must pass, so a failure comes from the
 * import and not from where the probe sits.
 *
 * The table is written out here on purpose, not read from eslint.config.js: deleting a zone from the config
 * must fail this test, not quietly delete its cases.
 *
 * Probes are linted as text at their path (nothing is written, so parallel test files and a running dev build
 * never see them); one case writes a real scratch file and lints its folder the way `npm run lint` walks it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A real module of each target, as the `@/` alias spells it; packages as their name. */
const TARGET_MODULE: Record<string, string> = {
  'lib/store': 'lib/store/db',
  'lib/background': 'lib/background/capture',
  'lib/content': 'lib/content/runner',
  'lib/pages': 'lib/pages/popup-connector',
  components: 'components/popup/actions',
  'wxt/browser': 'wxt/browser',
  zod: 'zod',
  'lib/core/timestamp/verify': 'lib/core/timestamp/verify',
  pkijs: 'pkijs',
};
const PACKAGES = new Set(['wxt/browser', 'zod', 'pkijs']);

/** The RFC 3161 verifier and its library: never in a shop page or a view. */
const TSA_VERIFIER = ['lib/core/timestamp/verify', 'pkijs'];

const PURE_FORBIDS = ['lib/store', 'lib/background', 'lib/content', 'lib/pages', 'components', 'wxt/browser'];

/** The zones table: where a probe sits, and what it may not import. */
const ZONES: { probe: string; forbids: string[] }[] = [
  ...['lib/core', 'lib/parse', 'lib/rules', 'lib/tickets', 'lib/sites'].map((dir) => ({
    probe: `${dir}/__lint_probe__.ts`,
    forbids: PURE_FORBIDS,
  })),
  {
    probe: 'lib/content/__lint_probe__.ts',
    forbids: ['lib/store', 'lib/background', 'lib/pages', 'components', 'zod', ...TSA_VERIFIER],
  },
  // A subfolder is the same zone (and its relative paths have one more `../`).
  {
    probe: 'lib/content/first-stage/__lint_probe__.ts',
    forbids: ['lib/store', 'lib/background', 'lib/pages', 'components', 'zod', ...TSA_VERIFIER],
  },
  { probe: 'lib/background/__lint_probe__.ts', forbids: ['lib/content', 'lib/pages', 'components'] },
  {
    probe: 'components/popup/__lint_probe__.tsx',
    forbids: ['wxt/browser', 'lib/store', 'lib/background', 'lib/content', 'lib/pages', ...TSA_VERIFIER],
  },
  { probe: 'components/shared/__lint_probe__.tsx', forbids: ['lib/store', 'lib/pages'] },
  { probe: 'lib/store/__lint_probe__.ts', forbids: ['lib/background', 'lib/content', 'lib/pages', 'components'] },
  // No module in lib/ imports a view: lib/pages and the entry modules at lib/'s root too.
  { probe: 'lib/pages/__lint_probe__.ts', forbids: ['components'] },
  { probe: 'lib/__lint_probe__.ts', forbids: ['components'] },
];

/** Imports each zone may make: linted at the same probe paths, they must pass. */
const ALLOWED: { probe: string; specifiers: string[] }[] = [
  { probe: 'lib/core/__lint_probe__.ts', specifiers: ['./model', '@/lib/core/hash', 'zod'] },
  { probe: 'lib/sites/__lint_probe__.ts', specifiers: ['../core/model', '@/lib/parse/price', './jd-shape'] },
  { probe: 'lib/content/__lint_probe__.ts', specifiers: ['@/lib/sites', '../core/hosts', 'wxt/browser', './context'] },
  { probe: 'lib/content/first-stage/__lint_probe__.ts', specifiers: ['../../sites/jd-shape', '../context'] },
  {
    probe: 'lib/background/__lint_probe__.ts',
    specifiers: ['../store/db', '@/lib/rules', 'wxt/browser', 'zod', '@/lib/core/timestamp/verify', 'pkijs'],
  },
  // The content zone may still use the rest of lib/core/timestamp (the request template is a few hundred bytes).
  { probe: 'lib/content/__lint_probe__.ts', specifiers: ['@/lib/core/timestamp/request', '../core/timestamp/roots'] },
  {
    probe: 'components/popup/__lint_probe__.tsx',
    specifiers: ['./actions', '../shared/ShowMore', '@/lib/core/format', '../../lib/core/i18n', 'preact/hooks'],
  },
  { probe: 'lib/store/__lint_probe__.ts', specifiers: ['./db', '../core/model', '@/lib/rules/history', 'idb'] },
  {
    probe: 'lib/pages/__lint_probe__.ts',
    specifiers: ['../store/db', '@/lib/core/bundle', 'wxt/browser', './background-now', '../core/timestamp/verify'],
  },
  // Entrypoints are wiring, not a zone.
  {
    probe: 'entrypoints/__lint_probe__.ts',
    specifiers: ['@/lib/store/db', '@/lib/background/capture', '@/components/popup/actions', 'wxt/browser'],
  },
];

const ZONE_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']);

/** `target` as imported from `probe`: the alias, or a path relative to the probe's folder. */
function specifier(probe: string, target: string, form: 'alias' | 'relative'): string {
  const module = TARGET_MODULE[target] ?? target;
  if (PACKAGES.has(target)) return module;
  if (form === 'alias') return `@/${module}`;
  const path = relative(dirname(probe), module);
  return path.startsWith('.') ? path : `./${path}`;
}

function probeSource(specifiers: string[]): string {
  return specifiers.map((s, i) => `import * as m${i} from '${s}';\nexport const e${i} = m${i};\n`).join('');
}

let eslint: ESLint;

async function zoneErrors(probe: string, code: string) {
  // An ignored path would lint to nothing and pass every "allowed" case vacuously.
  expect(await eslint.isPathIgnored(join(ROOT, probe)), probe).toBe(false);
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, probe) });
  const messages = result?.messages ?? [];
  // A parse error would also be "a message": it is not a zone holding.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.severity === 2 && m.ruleId !== null && ZONE_RULES.has(m.ruleId));
}

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

describe('lint zones fail', () => {
  for (const { probe, forbids } of ZONES) {
    describe(probe, () => {
      for (const target of forbids) {
        const forms = PACKAGES.has(target) ? (['alias'] as const) : (['alias', 'relative'] as const);
        for (const form of forms) {
          const spec = specifier(probe, target, form);
          it(`may not import ${target} ('${spec}')`, async () => {
            const errors = await zoneErrors(probe, probeSource([spec]));
            expect(errors).toHaveLength(1);
            expect(errors[0]?.message).toContain(`may not import ${target}`);
          });
        }
      }
    });
  }

  it('catches import type, export … from, import() and import("…").T alike', async () => {
    const probe = 'components/options/__lint_probe__.tsx';
    const code = [
      "import type { DB } from '@/lib/store/db';",
      'export type D = DB;',
      "export { ARCHIVE_MAX_BYTES } from '@/lib/pages/archive';",
      "export const later = () => import('../../lib/background/prune');",
      "export type S = import('@/lib/store/settings').Unknown;",
    ].join('\n');
    const errors = await zoneErrors(probe, code);
    expect(errors.map((e) => e.line)).toEqual([1, 3, 4, 5]);
  });

  it('catches the auto-imported extension API global where wxt/browser is forbidden', async () => {
    for (const probe of ['lib/rules/__lint_probe__.ts', 'components/ticket/__lint_probe__.tsx']) {
      const errors = await zoneErrors(probe, 'export const id = () => browser.runtime.id;\n');
      expect(
        errors.map((e) => e.ruleId),
        probe,
      ).toEqual(['no-restricted-globals']);
    }
  });
});

describe('lint zones allow', () => {
  for (const { probe, specifiers } of ALLOWED)
    it(`${probe}: ${specifiers.join(', ')}`, async () => {
      expect(await zoneErrors(probe, probeSource(specifiers))).toEqual([]);
    });
});

describe('a forbidden import in a real file', () => {
  const dir = join(ROOT, 'lib/core/__lint_probe__');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails when its folder is linted as `npm run lint` walks it', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'probe.ts');
    writeFileSync(file, probeSource(['../../store/db']));
    const results = await eslint.lintFiles([dir]);
    const errors = results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, rule: m.ruleId })));
    expect(errors).toEqual([{ file, rule: 'no-restricted-imports' }]);
  });
});
