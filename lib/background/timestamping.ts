/**
 * Trusted time in the worker (issue 16): when the shopper has turned it on, after new records the worker asks each
 * chosen time-stamping authority (TSA) for an RFC 3161 token over the chain head — the newest record's `recordHash`,
 * 32 bytes, the only thing that leaves the browser — checks the reply, and appends it to the chain as a `timestamp`
 * record (its file is the DER TimeStampToken). The schedule is lib/core/timestamp/schedule.ts.
 *
 * - Never in a capture's way: it runs after an append has finished (debounced), its network requests hold no lock,
 *   and only the append of a verified token goes through the chain's append queue like any record.
 * - Each authority independently: one that hangs or fails never delays another's stamp.
 * - A reply is stored only after verifyTimeStampReply accepts it: status granted, our nonce, our digest, signature,
 *   ESSCertID(v2), critical timeStamping EKU, chain to the built-in pinned roots (a built-in authority) or to the
 *   root certificate configured for a custom one.
 * - Failures (offline, refused, garbage, HTTP error, > 15 s, no permission) are retried with backoff through
 *   `browser.alarms`; deadlines and failure counts are in meta, so a restarted worker keeps them.
 * - Idempotent: whether an authority already stamped the head is read from the chain itself (the tokens after the
 *   head), not from memory, so a second run, a run after a restart or two overlapping triggers never ask twice.
 */
import { browser } from 'wxt/browser';
import { STAMP_ALARM } from './alarms';
import { appendEvidence } from '../store/evidence-store';
import { now } from '../store/clock';
import { db, getMeta, setMeta, type DB } from '../store/db';
import { loadSettings } from '../store/settings';
import { META } from '../store/meta';
import { sha256Hex } from '../core/hash';
import type { Evidence, Settings } from '../core/model';
import { buildTimeStampRequest, newNonce } from '../core/timestamp/request';
import { BUILTIN_AUTHORITIES, type TrustedRoot } from '../core/timestamp/roots';
import { backoffMs, dueAt, type StampingState } from '../core/timestamp/schedule';
import { CLOCK_WARN_MS, isBuiltin, originPattern, type AuthoritySetting } from '../core/timestamp/settings';
import { verifyTimeStampReply } from '../core/timestamp/verify';

export const TOKEN_MIME = 'application/timestamp-token';
/** A TSA that has not answered in this long is treated as failing (the request is aborted). */
export const REQUEST_TIMEOUT_MS = 15_000;
/** Real replies are a few KB (DigiCert's, with its chain, ~7 KB); anything far larger is not a reply. */
export const MAX_REPLY_BYTES = 256 * 1024;
/** New records arriving together (a capture appends a screenshot, maybe an archive) share one stamp. */
export const SETTLE_MS = 3_000;
/** Records counted as waiting, at most (the popup says "N"; past this it is "at least N"). */
const MAX_PENDING_WALK = 20_000;

export interface StamperDeps {
  db(): Promise<DB>;
  /** The worker's clock (the test build can move it): requestedAt, capturedAt and every deadline. */
  now(): number;
  settings(): Promise<Settings>;
  fetch: typeof fetch;
  /** Whether the host permission for an authority's origin pattern is granted. */
  hasOrigin(pattern: string): Promise<boolean>;
  alarms: {
    create(name: string, info: { when: number }): Promise<void> | void;
    clear(name: string): Promise<unknown>;
  };
  timeoutMs?: number;
  settleMs?: number;
}

/** One authority's attempt: the record it appended, or why not. */
export type Attempt = { url: string; ok: true; record: Evidence } | { url: string; ok: false; error: string };

/** A verified token and what a `timestamp` record says about it (lib/core/model.ts `timestamp`). */
export interface VerifiedToken {
  authority: string;
  url: string;
  /** DER TimeStampToken. */
  token: Uint8Array;
  genTime: number;
  /** Hex. */
  nonce: string;
  requestedAt: number;
  serial: string;
  policy: string;
  /** A custom authority's root, which the token was verified against. */
  rootPem?: string;
}

export interface RunReport {
  /** Why nothing was asked, when nothing was. */
  skipped?: 'off' | 'empty';
  attempts: Attempt[];
  /** The next deadline set (worker clock), if any. */
  nextAt?: number;
}

class StampFailure extends Error {}

/** The roots a token from this authority must chain to, or null when there are none (a custom one without a root). */
export function rootsFor(a: AuthoritySetting): TrustedRoot[] | null {
  if (isBuiltin(a)) return BUILTIN_AUTHORITIES.find((b) => b.url === a.url)?.roots.slice() ?? null;
  return a.rootPem ? [{ name: `${a.name} (custom root)`, pem: a.rootPem }] : null;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'tsa'
  );
}

/**
 * The chain head (the newest record that is not a token) and the authorities (by URL) whose tokens after it cover
 * it. Walks back from the newest record over the tokens only: a few records.
 */
export async function chainHead(d: DB): Promise<{ head: Evidence | null; stampedBy: Set<string> }> {
  const stampedBy = new Set<string>();
  let cursor = await d.transaction('evidence').store.index('bySeq').openCursor(null, 'prev');
  const tokens: Evidence[] = [];
  while (cursor) {
    if (cursor.value.kind !== 'timestamp') {
      const head = cursor.value;
      for (const t of tokens) if (t.timestamp?.covers.seq === head.seq) stampedBy.add(t.timestamp.url);
      return { head, stampedBy };
    }
    tokens.push(cursor.value);
    cursor = await cursor.continue();
  }
  return { head: null, stampedBy };
}

/** Records after `afterSeq` that no token covers (tokens themselves are not counted), and the oldest one's time. */
async function waiting(d: DB, afterSeq: number): Promise<{ count: number; oldestAt: number | null }> {
  let count = 0;
  let oldestAt: number | null = null;
  let cursor = await d
    .transaction('evidence')
    .store.index('bySeq')
    .openCursor(afterSeq < 0 ? null : IDBKeyRange.lowerBound(afterSeq, true), 'prev');
  let walked = 0;
  while (cursor && walked++ < MAX_PENDING_WALK) {
    if (cursor.value.kind !== 'timestamp') {
      count++;
      oldestAt = cursor.value.capturedAt;
    }
    cursor = await cursor.continue();
  }
  return { count, oldestAt };
}

/** The reply's bytes, refused past `max` (a hostile or broken endpoint must not fill the worker's memory). */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw new StampFailure(`the reply is too large (${declared} bytes)`);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      void reader.cancel().catch(() => undefined);
      throw new StampFailure(`the reply is too large (over ${max} bytes)`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export function createStamper(deps: StamperDeps) {
  const timeoutMs = deps.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const settleMs = deps.settleMs ?? SETTLE_MS;
  let running: Promise<RunReport> | null = null;
  let again = false;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Ask one authority for a token over `digest` and check the reply (nonce, digest, signature, roots). Throws
   * StampFailure on anything short of a verified token.
   */
  async function requestToken(a: AuthoritySetting, digest: Uint8Array): Promise<VerifiedToken> {
    const roots = rootsFor(a);
    if (!roots || roots.length === 0) throw new StampFailure('no root certificate to check its tokens against');
    const pattern = originPattern(a.url);
    if (!(await deps.hasOrigin(pattern).catch(() => false)))
      throw new StampFailure(`no permission to reach ${pattern} (turn trusted time on again in Settings)`);
    const nonce = newNonce();
    const requestedAt = deps.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let reply: Uint8Array;
    try {
      const res = await deps.fetch(a.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/timestamp-query' },
        body: buildTimeStampRequest(digest, nonce),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
      if (!res.ok) throw new StampFailure(`HTTP ${res.status}`);
      reply = await readCapped(res, MAX_REPLY_BYTES);
    } catch (e) {
      if (controller.signal.aborted) throw new StampFailure(`no answer within ${Math.round(timeoutMs / 1000)} s`);
      if (e instanceof StampFailure) throw e;
      throw new StampFailure(`not reachable (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      clearTimeout(timer);
    }
    const check = await verifyTimeStampReply(reply, { digest, nonce, roots });
    if (!check.ok) throw new StampFailure(`reply refused: ${check.reason}`);
    return {
      authority: a.name,
      url: a.url,
      token: check.token,
      genTime: check.genTime,
      nonce: bytesToHex(nonce),
      requestedAt,
      serial: check.serial.slice(0, 200),
      policy: check.policy.slice(0, 200),
      ...(isBuiltin(a) ? {} : { rootPem: a.rootPem as string }),
    };
  }

  /** Ask one authority for a token over `head`, check it, append it as a `timestamp` record. */
  async function attempt(d: DB, a: AuthoritySetting, head: Evidence): Promise<Evidence> {
    const check = await requestToken(a, hexToBytes(head.recordHash));
    const token = check.token;
    return appendEvidence(
      d,
      {
        kind: 'timestamp',
        capturedAt: deps.now(),
        mime: TOKEN_MIME,
        bytes: token.byteLength,
        sha256: await sha256Hex(token),
        fileName: `timestamp-${head.seq}-${slug(a.name)}.tst`,
        caption: `${a.name}: ${new Date(check.genTime).toISOString()}`,
        timestamp: {
          authority: a.name,
          url: a.url,
          covers: { seq: head.seq, recordHash: head.recordHash },
          digest: head.recordHash,
          nonce: check.nonce,
          requestedAt: check.requestedAt,
          genTime: check.genTime,
          serial: check.serial,
          policy: check.policy,
          ...(check.rootPem ? { rootPem: check.rootPem } : {}),
        },
      },
      token,
    );
  }

  async function runOnce(): Promise<RunReport> {
    const [d, settings] = await Promise.all([deps.db(), deps.settings()]);
    const ts = settings.timestamping;
    const state: StampingState = (await getMeta(d, META.stamping)) ?? { authorities: {} };
    if (!ts.enabled) {
      await deps.alarms.clear(STAMP_ALARM);
      if (state.enabledAt !== undefined || state.pending) {
        const { enabledAt: _e, pending: _p, ...rest } = state;
        await setMeta(d, META.stamping, rest);
      }
      return { skipped: 'off', attempts: [] };
    }
    const interval = ts.intervalMinutes * 60_000;
    const t = deps.now();
    state.enabledAt ??= t;
    const { head, stampedBy } = await chainHead(d);
    const due = head
      ? ts.authorities.filter((a) => !stampedBy.has(a.url) && dueAt(state.authorities[a.url], interval, t) <= t)
      : [];
    const attempts: Attempt[] = await Promise.all(
      due.map(async (a): Promise<Attempt> => {
        try {
          return { url: a.url, ok: true, record: await attempt(d, a, head as Evidence) };
        } catch (e) {
          return { url: a.url, ok: false, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );

    // What happened, into the stored state (only this worker writes it, one run at a time).
    const after = deps.now();
    const configured = new Set(ts.authorities.map((a) => a.url));
    for (const url of Object.keys(state.authorities)) if (!configured.has(url)) delete state.authorities[url];
    for (const r of attempts) {
      const prev = state.authorities[r.url] ?? { failures: 0 };
      if (r.ok) {
        const stamp = r.record.timestamp!;
        state.authorities[r.url] = {
          failures: 0,
          lastTriedAt: stamp.requestedAt,
          lastOkAt: after,
          lastGenTime: stamp.genTime,
        };
        if (!state.covered || stamp.covers.seq >= state.covered.seq)
          state.covered = { seq: stamp.covers.seq, genTime: stamp.genTime, authority: stamp.authority };
        const diffMs = stamp.genTime - stamp.requestedAt;
        if (Math.abs(diffMs) > CLOCK_WARN_MS)
          state.clock = { diffMs, authority: stamp.authority, requestedAt: stamp.requestedAt, genTime: stamp.genTime };
        else delete state.clock;
      } else {
        const failures = prev.failures + 1;
        state.authorities[r.url] = {
          ...prev,
          failures,
          retryAt: after + backoffMs(failures),
          lastError: r.error.slice(0, 500),
          lastTriedAt: after,
        };
      }
    }

    // The head may have moved while the requests were out: plan from what is stored now.
    const now2 = deps.now();
    const latest = await chainHead(d);
    const left = await waiting(d, state.covered?.seq ?? -1);
    if (left.count > 0 && left.oldestAt !== null)
      state.pending = { count: left.count, since: Math.max(left.oldestAt, state.enabledAt) };
    else delete state.pending;
    let nextAt: number | undefined;
    if (latest.head)
      for (const a of ts.authorities) {
        if (latest.stampedBy.has(a.url)) continue;
        const at = dueAt(state.authorities[a.url], interval, now2);
        nextAt = nextAt === undefined ? at : Math.min(nextAt, at);
      }
    await setMeta(d, META.stamping, state);
    if (nextAt === undefined) await deps.alarms.clear(STAMP_ALARM);
    // Alarms run on the real clock; the worker's may be moved (test build): convert the delay, not the time.
    else await deps.alarms.create(STAMP_ALARM, { when: Date.now() + Math.max(nextAt - now2, 1_000) });
    return { attempts, ...(nextAt !== undefined ? { nextAt } : {}), ...(head ? {} : { skipped: 'empty' }) };
  }

  /** One run at a time; a trigger during a run asks for one more after it. */
  function run(): Promise<RunReport> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let report: RunReport;
      do {
        again = false;
        report = await runOnce();
      } while (again);
      return report;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  /**
   * Tokens over any digest (a bundle's manifest at export), from every configured authority at once, not chained and
   * not scheduled: what was verified, and why the others were not. Refused with trusted time off.
   */
  async function stampDigest(
    digest: Uint8Array,
  ): Promise<{ tokens: VerifiedToken[]; failures: { url: string; error: string }[] }> {
    if (digest.length !== 32) throw new Error('a SHA-256 digest is 32 bytes');
    const ts = (await deps.settings()).timestamping;
    if (!ts.enabled) throw new Error('trusted time is off');
    const results = await Promise.all(
      ts.authorities.map(async (a) => {
        try {
          return { ok: true as const, token: await requestToken(a, digest) };
        } catch (e) {
          return { ok: false as const, url: a.url, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
    return {
      tokens: results.flatMap((r) => (r.ok ? [r.token] : [])),
      failures: results.flatMap((r) => (r.ok ? [] : [{ url: r.url, error: r.error }])),
    };
  }

  return {
    run,
    stampDigest,
    /** After a record was appended: run once the burst has settled. Never waits, never throws. */
    onAppended(): void {
      if (settleTimer) clearTimeout(settleTimer);
      settleTimer = setTimeout(() => {
        settleTimer = null;
        void run().catch((e: unknown) => console.warn('ShopWitness: time-stamping failed', e));
      }, settleMs);
    },
    /** The worker's start, the stamp alarm, a settings change: run now. Never throws. */
    kick(): Promise<RunReport | null> {
      return run().catch((e: unknown) => {
        console.warn('ShopWitness: time-stamping failed', e);
        return null;
      });
    },
  };
}

export type Stamper = ReturnType<typeof createStamper>;

let shared: Stamper | null = null;

/** The worker's stamper, over the real browser, database, clock and settings. */
export function stamper(): Stamper {
  shared ??= createStamper({
    db,
    now,
    settings: loadSettings,
    fetch: (input, init) => fetch(input, init),
    hasOrigin: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    alarms: {
      create: (name, info) => browser.alarms.create(name, info),
      clear: (name) => browser.alarms.clear(name),
    },
  });
  return shared;
}
