/**
 * Which extension APIs the built scripts call that Firefox for Android lacks, read from @mdn/browser-compat-data.
 * An API Android lacks must sit behind a feature check: its namespace read as `x.contextMenus?.…` (or, for a missing
 * member of a present namespace, `x.notifications.onButtonClicked?.…`), with a fallback in the code around it
 * (lib/background/platform-apis.ts). The built code keeps property names and optional chains, so the check reads the
 * shipped JavaScript, not the sources: what the phone runs is what is checked.
 */
import { createRequire } from 'node:module';

interface Statement {
  version_added?: string | boolean | null;
  version_removed?: string | boolean | null;
  flags?: unknown[];
  alternative_name?: string;
  prefix?: string;
}
interface Compat {
  __compat?: { support?: Record<string, Statement | Statement[] | undefined> };
  [member: string]: unknown;
}

const bcd = createRequire(import.meta.url)('@mdn/browser-compat-data') as {
  webextensions: { api: Record<string, Compat> };
};
const API = bcd.webextensions.api;

function statements(c: Compat | undefined, browser: string): Statement[] {
  const s = c?.__compat?.support?.[browser];
  return s === undefined ? [] : Array.isArray(s) ? s : [s];
}

/** Names a namespace goes by in some browser (`contextMenus` is Firefox's other name for `menus`). */
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries(API).flatMap(([ns, c]) =>
    Object.keys(c.__compat?.support ?? {}).flatMap((b) =>
      statements(c, b)
        .filter((s) => s.alternative_name && !Object.hasOwn(API, s.alternative_name))
        .map((s) => [s.alternative_name as string, ns] as const),
    ),
  ),
);

function supported(c: Compat | undefined, browser: string): boolean {
  return statements(c, browser).some(
    (s) =>
      typeof s.version_added === 'string' &&
      s.version_added !== 'preview' &&
      !s.version_removed &&
      !s.flags &&
      !s.alternative_name &&
      !s.prefix,
  );
}

function namespace(name: string): Compat | undefined {
  const own = Object.hasOwn(API, name) ? name : ALIASES.get(name);
  return own !== undefined && Object.hasOwn(API, own) ? API[own] : undefined;
}

export interface ApiProblem {
  file: string;
  api: string;
  /** What the phone lacks: the whole namespace or one member of it. */
  missing: 'namespace' | 'member';
  excerpt: string;
}

/** Every unguarded use of an API `browser` (a bcd browser key, e.g. firefox_android) lacks in this JavaScript. */
export function unguardedApis(js: string, file: string, browser = 'firefox_android'): ApiProblem[] {
  const problems: ApiProblem[] = [];
  // `.ns` followed by `.member`: the lookahead lets `.member` start the next match too.
  const use = /\.([A-Za-z_$][\w$]*)(\?)?(?=\.([A-Za-z_$][\w$]*)(\?\.)?)/g;
  for (const m of js.matchAll(use)) {
    const [, ns, nsGuard, member, memberGuard] = m as unknown as [string, string, string | undefined, string, string];
    const c = namespace(ns);
    if (!c || member === '__compat' || !Object.hasOwn(c, member)) continue; // not an extension API call
    const excerpt = js.slice(Math.max(0, (m.index ?? 0) - 30), (m.index ?? 0) + ns.length + member.length + 40);
    if (!supported(c, browser)) {
      if (!nsGuard) problems.push({ file, api: `${ns}.${member}`, missing: 'namespace', excerpt });
    } else if (!supported(c[member] as Compat, browser) && !nsGuard && !memberGuard) {
      problems.push({ file, api: `${ns}.${member}`, missing: 'member', excerpt });
    }
  }
  return problems;
}
