// @vitest-environment node
/** The HTTP TSA the e2e tests will use: a POSTed TimeStampReq comes back as a reply the verifier accepts. */
import { createHash } from 'node:crypto';
import { buildTimeStampRequest, newNonce } from '@/lib/core/timestamp/request';
import { verifyTimeStampReply } from '@/lib/core/timestamp/verify';
import { startLocalTsa } from '../../../e2e/harness/local-tsa';

const digest = new Uint8Array(createHash('sha256').update('head').digest());
const post = (url: string, body: Uint8Array<ArrayBuffer> | string, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body, signal });

it('answers a POSTed request as application/timestamp-reply, and the reply verifies against its root', async () => {
  const tsa = await startLocalTsa();
  try {
    expect(tsa.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tsr$/);
    const nonce = newNonce();
    const res = await post(tsa.url, buildTimeStampRequest(digest, nonce));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
    const reply = new Uint8Array(await res.arrayBuffer());
    const check = await verifyTimeStampReply(reply, { digest, nonce, roots: [{ name: 'local', pem: tsa.rootPem }] });
    expect(check).toMatchObject({ ok: true, tsa: 'ShopWitness Test TSA', root: 'local' });

    // A body that is no request gets openssl's rejection, as from a real TSA.
    const bad = await post(tsa.url, 'not a request');
    const refused = await verifyTimeStampReply(new Uint8Array(await bad.arrayBuffer()), {
      digest,
      roots: [{ name: 'local', pem: tsa.rootPem }],
    });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/did not grant.*badDataFormat/) });
    expect(tsa.requests()).toBe(2);
  } finally {
    await tsa.close();
  }
});

it('misbehaves on request: garbage, a 500, or no answer at all', async () => {
  const request = buildTimeStampRequest(digest, newNonce());
  const garbage = await startLocalTsa(0, { fault: 'garbage' });
  const error = await startLocalTsa(0, { fault: 'http-500' });
  const hang = await startLocalTsa(0, { fault: 'hang' });
  try {
    const g = await post(garbage.url, request);
    expect(g.status).toBe(200);
    const check = await verifyTimeStampReply(new Uint8Array(await g.arrayBuffer()), { digest, roots: [] });
    expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid DER/) });
    expect((await post(error.url, request)).status).toBe(500);
    await expect(post(hang.url, request, AbortSignal.timeout(300))).rejects.toThrow();
    expect(hang.requests()).toBe(1);
  } finally {
    await Promise.all([garbage.close(), error.close(), hang.close()]);
  }
});
