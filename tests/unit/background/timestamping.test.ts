// @vitest-environment node
/**
 * The worker's time-stamping (lib/background/timestamping.ts) against real TSAs made of openssl over HTTP
 * (tests/e2e/harness/local-tsa.ts), with WXT's fakeBrowser alarms and fake-indexeddb: a stamp over the chain head
 * from each authority, each checked before it is stored and accepted by `openssl ts -verify`; one failing authority
 * never holding back another; retries with a doubling backoff through an alarm; deadlines kept across a worker
 * restart; a capture never waiting for a TSA; nothing asked twice, nothing asked with trusted time off.
 */
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { STAMP_ALARM } from '@/lib/background/alarms';
import { settingsHandlers } from '@/lib/background/handlers/settings';
import { chainHead, createStamper, type StamperDeps } from '@/lib/background/timestamping';
import { sha256Hex } from '@/lib/core/hash';
import { parseMessage } from '@/lib/core/messages';
import { DEFAULT_SETTINGS, SettingsSchema, type Evidence, type Settings } from '@/lib/core/model';
import { backoffMs, unstampedBehind } from '@/lib/core/timestamp/schedule';
import { verifyTimeStampToken } from '@/lib/core/timestamp/verify';
import { getMeta, openDatabase, type DB } from '@/lib/store/db';
import { appendEvidence, onEvidenceAppended, verifyStoredEvidence } from '@/lib/store/evidence-store';
import { META } from '@/lib/store/meta';
import { loadSettings } from '@/lib/store/settings';
import { localPki, opensslVerify, startLocalTsa, type LocalTsaOptions } from '../../e2e/harness/local-tsa';

const MIN = 60_000;
type Tsa = Awaited<ReturnType<typeof startLocalTsa>>;

let n = 0;
let d: DB;
let clock: number;
let settings: Settings;
const servers: Tsa[] = [];

async function tsa(options: LocalTsaOptions = {}, port = 0): Promise<Tsa> {
  const s = await startLocalTsa(port, options);
  servers.push(s);
  return s;
}

function portOf(t: Tsa): number {
  return Number(new URL(t.url).port);
}

function trusted(...list: { name: string; url: string; rootPem?: string }[]): Settings {
  return SettingsSchema.parse({ timestamping: { enabled: true, authorities: list, intervalMinutes: 10 } });
}

function deps(over: Partial<StamperDeps> = {}): StamperDeps {
  return {
    db: async () => d,
    now: () => clock,
    settings: async () => settings,
    fetch: (input, init) => fetch(input, init),
    hasOrigin: async () => true,
    alarms: {
      create: (name, info) => browser.alarms.create(name, info),
      clear: (name) => browser.alarms.clear(name),
    },
    timeoutMs: 2_000,
    settleMs: 20,
    ...over,
  };
}

async function capture(at = clock, label = 'order'): Promise<Evidence> {
  const data = new TextEncoder().encode(`${label} ${n++} ${at}`);
  return appendEvidence(
    d,
    {
      kind: 'order-screenshot',
      capturedAt: at,
      url: 'https://details.jd.com/normal/item.action?orderid=1',
      orderId: '1',
      mime: 'image/jpeg',
      bytes: data.byteLength,
      sha256: await sha256Hex(data),
    },
    data,
  );
}

async function tokens(): Promise<Evidence[]> {
  return (await d.getAll('evidence')).filter((e) => e.kind === 'timestamp').sort((a, b) => a.seq - b.seq);
}

async function alarmIn(): Promise<number | null> {
  const a = await browser.alarms.get(STAMP_ALARM);
  return a ? a.scheduledTime - Date.now() : null;
}

beforeEach(async () => {
  fakeBrowser.reset();
  d = await openDatabase(`stamping-${n++}`);
  clock = Date.now();
});

afterEach(async () => {
  onEvidenceAppended(null);
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('time-stamping in the worker', () => {
  it('stamps the chain head at two authorities; each token is checked, chained and passes openssl ts -verify', async () => {
    const [a, b] = [await tsa(), await tsa({ variant: 'v1' })];
    const pki = await localPki();
    settings = trusted({ name: 'A', url: a.url, rootPem: a.rootPem }, { name: 'B', url: b.url, rootPem: b.rootPem });
    const head = await capture();
    const report = await createStamper(deps()).run();
    expect(report.attempts.map((x) => x.ok)).toEqual([true, true]);
    const stamps = await tokens();
    expect(stamps.map((t) => t.timestamp?.authority).sort()).toEqual(['A', 'B']);
    for (const t of stamps) {
      expect(t).toMatchObject({
        mime: 'application/timestamp-token',
        timestamp: { covers: { seq: head.seq, recordHash: head.recordHash }, digest: head.recordHash },
      });
      expect(Math.abs(t.timestamp!.genTime - clock)).toBeLessThan(MIN);
      expect(t.timestamp!.requestedAt).toBe(clock);
      expect(t.timestamp!.nonce).toMatch(/^[0-9a-f]{16}$/);
      const bytes = (await d.get('blobs', t.id))!.data;
      expect(await sha256Hex(bytes)).toBe(t.sha256);
      // The stored file is the bare token: openssl checks it against the record's digest and the test root.
      const check = await opensslVerify(bytes, { digestHex: head.recordHash, caFile: pki.rootFile, token: true });
      expect(check.ok, check.output).toBe(true);
      const again = await verifyTimeStampToken(bytes, {
        digest: Uint8Array.from(Buffer.from(head.recordHash, 'hex')),
        roots: [{ name: 'test', pem: t.timestamp!.rootPem! }],
      });
      expect(again).toMatchObject({ ok: true, genTime: t.timestamp!.genTime });
    }
    expect(await verifyStoredEvidence(d)).toMatchObject({ ok: true, problems: [] });
    const state = await getMeta(d, META.stamping);
    expect(state?.covered).toMatchObject({ seq: head.seq });
    expect(state?.pending).toBeUndefined();
    expect(state?.clock).toBeUndefined();

    // Nothing new: nothing asked, nothing appended, no alarm left.
    const before = a.requests() + b.requests();
    expect((await createStamper(deps()).run()).attempts).toEqual([]);
    expect(a.requests() + b.requests()).toBe(before);
    expect(await tokens()).toHaveLength(2);
    expect(await alarmIn()).toBeNull();
  });

  it('asks again at most once per interval: new records wait for the next stamp, which covers them all', async () => {
    const a = await tsa();
    settings = trusted({ name: 'A', url: a.url, rootPem: a.rootPem });
    await capture();
    const stamper = createStamper(deps());
    await stamper.run();
    clock += MIN;
    await capture();
    const last = await capture();
    expect((await stamper.run()).attempts).toEqual([]);
    expect(a.requests()).toBe(1);
    // The alarm waits for the interval after the last success (10 min, 1 of them gone).
    expect(await alarmIn()).toBeGreaterThan(8.9 * MIN);
    expect((await getMeta(d, META.stamping))?.pending).toMatchObject({ count: 2 });
    clock += 9 * MIN;
    const report = await stamper.run();
    expect(report.attempts).toHaveLength(1);
    expect((await tokens()).at(-1)!.timestamp!.covers.seq).toBe(last.seq);
    expect((await getMeta(d, META.stamping))?.pending).toBeUndefined();
  });

  it('one failing authority never holds back another, and is retried with a doubling backoff through an alarm', async () => {
    const good = await tsa();
    const bad = await tsa({ fault: 'http-500' });
    settings = trusted(
      { name: 'Good', url: good.url, rootPem: good.rootPem },
      { name: 'Bad', url: bad.url, rootPem: bad.rootPem },
    );
    const head = await capture();
    const stamper = createStamper(deps());
    const first = await stamper.run();
    expect(first.attempts.find((x) => x.url === bad.url)).toMatchObject({ ok: false, error: 'HTTP 500' });
    expect((await tokens()).map((t) => t.timestamp!.authority)).toEqual(['Good']);
    let state = await getMeta(d, META.stamping);
    expect(state?.authorities[bad.url]).toMatchObject({ failures: 1, retryAt: clock + backoffMs(1) });
    expect(await alarmIn()).toBeGreaterThan(0.9 * MIN);
    expect(await alarmIn()).toBeLessThanOrEqual(MIN);

    // Before its deadline: not asked.
    clock += 30_000;
    await stamper.run();
    expect(bad.requests()).toBe(1);
    // At it: asked, fails again, waits twice as long.
    clock += 30_000;
    await stamper.run();
    expect(bad.requests()).toBe(2);
    state = await getMeta(d, META.stamping);
    expect(state?.authorities[bad.url]).toMatchObject({ failures: 2, retryAt: clock + 2 * MIN });
    expect(backoffMs(3)).toBe(4 * MIN);
    expect(backoffMs(20)).toBe(60 * MIN);

    // The authority recovers (same URL): the alarm's run stamps the same head there too.
    const port = portOf(bad);
    await bad.close();
    await tsa({}, port);
    clock += 2 * MIN;
    browser.alarms.onAlarm.addListener((alarm) => void (alarm.name === STAMP_ALARM && stamper.kick()));
    const alarm = (await browser.alarms.get(STAMP_ALARM))!;
    await fakeBrowser.alarms.onAlarm.trigger(alarm);
    await vi.waitFor(async () => expect(await tokens()).toHaveLength(2), { timeout: 5_000 });
    expect((await tokens()).map((t) => [t.timestamp!.authority, t.timestamp!.covers.seq])).toEqual([
      ['Good', head.seq],
      ['Bad', head.seq],
    ]);
    // The success is written after the token is appended: wait for it rather than race it on a loaded machine.
    await vi.waitFor(
      async () => expect((await getMeta(d, META.stamping))?.authorities[bad.url]).toMatchObject({ failures: 0 }),
      { timeout: 5_000 },
    );
  });

  it('keeps its deadlines across a worker restart (stored, not in memory)', async () => {
    const port = portOf(await tsa()); // take a free port, then leave nothing listening on it
    await servers.pop()!.close();
    const url = `http://127.0.0.1:${port}/tsr`;
    const { rootPem } = await localPki();
    settings = trusted({ name: 'Offline', url, rootPem });
    await capture();
    const r = await createStamper(deps()).run();
    expect(r.attempts[0]).toMatchObject({ ok: false, error: expect.stringMatching(/not reachable/) });
    const retryAt = (await getMeta(d, META.stamping))!.authorities[url]!.retryAt!;

    // The worker is gone: no memory, no alarm. A new one starts (background.ts kicks at start).
    fakeBrowser.alarms.resetState();
    const revived = await tsa({}, port);
    const restarted = createStamper(deps());
    expect((await restarted.kick())!.attempts).toEqual([]); // not yet due: the stored deadline holds
    expect(revived.requests()).toBe(0);
    expect(await alarmIn()).toBeGreaterThan(0);
    clock = retryAt;
    expect((await restarted.kick())!.attempts).toMatchObject([{ ok: true }]);
    expect(revived.requests()).toBe(1);
  });

  it('never makes a capture wait: a TSA that hangs is timed out while captures append at once', async () => {
    const hang = await tsa({ fault: 'hang' });
    settings = trusted({ name: 'Hang', url: hang.url, rootPem: hang.rootPem });
    const stamper = createStamper(deps({ timeoutMs: 1_000 }));
    onEvidenceAppended(() => stamper.onAppended());
    await capture();
    await vi.waitFor(() => expect(hang.requests()).toBe(1), { timeout: 3_000 });
    // The request is out and hanging: a capture now appends as fast as ever.
    const t0 = performance.now();
    const during = await capture();
    const took = performance.now() - t0;
    expect(took).toBeLessThan(500);
    expect(during.seq).toBeGreaterThan(0);
    const report = await stamper.run();
    expect(report.attempts).toEqual([]); // the running attempt ended; the next waits for its backoff
    const state = await getMeta(d, META.stamping);
    expect(state?.authorities[hang.url]).toMatchObject({ failures: 1, lastError: 'no answer within 1 s' });
    expect(await tokens()).toEqual([]);
  });

  it.each([
    ['garbage', { fault: 'garbage' } as LocalTsaOptions, /reply refused/],
    ['too slow', { delayMs: 3_000 } as LocalTsaOptions, /no answer within 1 s/],
    ['refusing (status rejection)', { variant: 'rejecting' } as LocalTsaOptions, /did not grant/],
    ['signed under a root nobody configured', { variant: 'other-root' } as LocalTsaOptions, /reply refused/],
  ])('stores nothing from a TSA that is %s', async (_what, options, error) => {
    const t = await tsa(options);
    settings = trusted({ name: 'T', url: t.url, rootPem: t.rootPem });
    await capture();
    const r = await createStamper(deps({ timeoutMs: 1_000 })).run();
    expect(r.attempts).toMatchObject([{ ok: false, error: expect.stringMatching(error) }]);
    expect(await tokens()).toEqual([]);
    expect(await verifyStoredEvidence(d)).toMatchObject({ ok: true });
  });

  it('asks nothing without the host permission, with trusted time off, or with an empty chain', async () => {
    const t = await tsa();
    settings = trusted({ name: 'T', url: t.url, rootPem: t.rootPem });
    expect(await createStamper(deps()).run()).toMatchObject({ skipped: 'empty', attempts: [] });
    await capture();
    const denied = await createStamper(deps({ hasOrigin: async () => false })).run();
    expect(denied.attempts).toMatchObject([{ ok: false, error: expect.stringMatching(/no permission to reach/) }]);
    settings = { ...settings, timestamping: { ...settings.timestamping, enabled: false } };
    clock += 60 * MIN;
    expect(await createStamper(deps()).run()).toMatchObject({ skipped: 'off', attempts: [] });
    expect(t.requests()).toBe(0);
    expect(await alarmIn()).toBeNull();
  });

  it('records a clock that differs from the TSA by more than 2 minutes, and clears it when it agrees again', async () => {
    const t = await tsa();
    settings = trusted({ name: 'T', url: t.url, rootPem: t.rootPem });
    settings.timestamping.intervalMinutes = 1;
    clock = Date.now() - 7 * MIN; // the local clock is 7 minutes slow
    await capture();
    const stamper = createStamper(deps({ now: () => clock }));
    await stamper.run();
    const token = (await tokens())[0]!;
    const skew = token.timestamp!.genTime - token.timestamp!.requestedAt;
    expect(skew).toBeGreaterThan(6.5 * MIN);
    expect((await getMeta(d, META.stamping))?.clock).toMatchObject({ authority: 'T', diffMs: skew });
    clock = Date.now(); // the shopper sets the clock right; a new record, stamped after the interval
    await capture();
    expect((await stamper.run()).attempts).toMatchObject([{ ok: true }]);
    expect((await getMeta(d, META.stamping))?.clock).toBeUndefined();
  });

  it('the popup mentions waiting records only when stamping is on and behind by more than two intervals', () => {
    const on = { enabled: true, intervalMinutes: 10 };
    const state = { authorities: {}, pending: { count: 3, since: 0 } };
    expect(unstampedBehind(state, on, 19 * MIN)).toBe(0);
    expect(unstampedBehind(state, on, 21 * MIN)).toBe(3);
    expect(unstampedBehind(state, { ...on, enabled: false }, 21 * MIN)).toBe(0);
    expect(unstampedBehind({ authorities: {} }, on, 21 * MIN)).toBe(0);
  });

  it('reads the head from the chain: the newest record that is not a token, and who stamped it', async () => {
    expect(await chainHead(d)).toEqual({ head: null, stampedBy: new Set() });
    const t = await tsa();
    settings = trusted({ name: 'T', url: t.url, rootPem: t.rootPem });
    const head = await capture();
    await createStamper(deps()).run();
    const read = await chainHead(d);
    expect(read.head?.id).toBe(head.id);
    expect([...read.stampedBy]).toEqual([t.url]);
  });
});

describe('settings/save for trusted time', () => {
  const save = async (settingsPatch: unknown) => {
    const parsed = parseMessage({ type: 'settings/save', settings: settingsPatch });
    if (!parsed.ok) return parsed;
    if (parsed.message.type !== 'settings/save') throw new Error('unexpected');
    return settingsHandlers['settings/save']
      .handle(parsed.message, { sender: {}, db: await openDatabase(`stamping-${n++}`) })
      .catch((e: Error) => ({ ok: false as const, error: e.message }));
  };

  it('is off by default and offers FreeTSA and DigiCert', () => {
    expect(DEFAULT_SETTINGS.timestamping).toEqual({
      enabled: false,
      authorities: [
        { name: 'FreeTSA', url: 'https://freetsa.org/tsr' },
        { name: 'DigiCert', url: 'http://timestamp.digicert.com' },
      ],
      intervalMinutes: 10,
    });
  });

  it('saves a custom authority with its root, keeps the fields not given, and leaves other settings alone', async () => {
    const { rootPem } = await localPki();
    await save({ language: 'en' });
    const r = await save({
      timestamping: { enabled: true, authorities: [{ name: 'L', url: 'http://x.test/tsr', rootPem }] },
    });
    expect(r).toMatchObject({
      ok: true,
      settings: { language: 'en', timestamping: { enabled: true, intervalMinutes: 10 } },
    });
    await save({ timestamping: { intervalMinutes: 30 } });
    expect((await loadSettings()).timestamping).toMatchObject({
      enabled: true,
      intervalMinutes: 30,
      authorities: [{ name: 'L' }],
    });
  });

  it.each([
    [
      'a custom authority without a root',
      [{ name: 'X', url: 'https://tsa.example/tsr' }],
      /needs its root certificate/,
    ],
    [
      'a root that is not PEM',
      [{ name: 'X', url: 'https://tsa.example/tsr', rootPem: 'hello' }],
      /one PEM certificate/,
    ],
    ['a non-http URL', [{ name: 'X', url: 'ftp://tsa.example/tsr', rootPem: 'x' }], /http/],
    [
      'the same URL twice',
      [
        { name: 'FreeTSA', url: 'https://freetsa.org/tsr' },
        { name: 'F2', url: 'https://freetsa.org/tsr' },
      ],
      /only once/,
    ],
    ['no authority', [], /authorities/],
  ])('refuses %s', async (_what, authorities, error) => {
    const r = await save({ timestamping: { enabled: true, authorities } });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(error) });
  });

  it('refuses a root whose outer shape is a certificate but whose content is not (read fully with pkijs)', async () => {
    // SEQUENCE { SEQUENCE {}, SEQUENCE {}, BIT STRING 00 }: the shape, nothing inside.
    const der = Buffer.from([0x30, 0x07, 0x30, 0x00, 0x30, 0x00, 0x03, 0x01, 0x00]);
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
    const r = await save({
      timestamping: { authorities: [{ name: 'X', url: 'https://tsa.example/tsr', rootPem: pem }] },
    });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/root certificate of X is not an X\.509/) });
  });
});

describe('tokens over a digest that is not a chain record (a bundle manifest at export)', () => {
  it('answers a verified token per authority that answered, and why the others did not; chains nothing', async () => {
    const good = await tsa();
    const bad = await tsa({ fault: 'garbage' });
    settings = trusted(
      { name: 'Good', url: good.url, rootPem: good.rootPem },
      { name: 'Bad', url: bad.url, rootPem: bad.rootPem },
    );
    const digest = Uint8Array.from(Buffer.from(await sha256Hex('manifest.json'), 'hex'));
    const r = await createStamper(deps()).stampDigest(digest);
    expect(r.tokens).toHaveLength(1);
    expect(r.tokens[0]).toMatchObject({ authority: 'Good', url: good.url, rootPem: good.rootPem });
    const check = await opensslVerify(r.tokens[0]!.token, {
      digestHex: Buffer.from(digest).toString('hex'),
      caFile: (await localPki()).rootFile,
      token: true,
    });
    expect(check.ok, check.output).toBe(true);
    expect(r.failures).toMatchObject([{ url: bad.url, error: expect.stringMatching(/reply refused/) }]);
    expect(await d.count('evidence')).toBe(0);
    settings = DEFAULT_SETTINGS;
    await expect(createStamper(deps()).stampDigest(digest)).rejects.toThrow(/trusted time is off/);
  });
});
