/**
 * Checks an RFC 3161 reply (TimeStampResp) or a stored token (TimeStampToken, a CMS ContentInfo) offline, against
 * the digest it should cover, the nonce it should echo and the roots its signer must chain to.
 *
 * Pure: WebCrypto through pkijs, no extension API. Runs in the MV3 service worker, an extension page and Node 20.
 * pkijs + asn1js are ~90 KB gzip: import this module from the worker and the verifier only, never from a content
 * script or the popup's first screen.
 *
 * What pkijs does not do, done here (EVIDENCE-TRUST.md): PKIStatus, the nonce, the imprint against our digest,
 * ESSCertID / ESSCertIDv2, the signer's critical timeStamping EKU. `SignedData.verify` cannot be used for the rest:
 * for a TSTInfo it insists on hashing the stamped data itself (we only hold its digest) and it checks the chain at
 * genTime only when given that data. So the two steps it would run are run here directly: the message-digest
 * attribute and the signature over the signed attributes, then `CertificateChainValidationEngine` with the pinned
 * roots as `trustedCerts` and genTime as `checkDate` (exactly what `checkChain: true` builds). Revocation is not
 * checked (no CRL or OCSP offline): callers must say so.
 *
 * Never throws: anything malformed or unexpected is `{ ok: false, reason }` in plain English.
 */
import * as asn1js from 'asn1js';
import {
  Attribute,
  Certificate,
  CertificateChainValidationEngine,
  ContentInfo,
  CryptoEngine,
  ExtKeyUsage,
  IssuerAndSerialNumber,
  SignedData,
  TSTInfo,
  TimeStampResp,
  setEngine,
} from 'pkijs';
import { pemCertificates } from './pem';
import type { TrustedRoot } from './roots';

export type TimeStampCheck =
  | {
      ok: true;
      /** The TSA's time, epoch ms. */
      genTime: number;
      /** The signer certificate's subject CN (or the whole subject). */
      tsa: string;
      /** The token's serial number, hex (no sign-padding zero byte, as openssl prints it). */
      serial: string;
      /** The TSA policy OID the token was issued under. */
      policy: string;
      /** The TSA's stated accuracy of genTime, ms, when it states one. */
      accuracyMs?: number;
      /** The name of the pinned root the signer chained to. */
      root: string;
      /** The TimeStampToken (ContentInfo DER): what is stored and exported. */
      token: Uint8Array;
    }
  | { ok: false; reason: string };

export interface TimeStampExpectation {
  /** The SHA-256 digest that was sent (32 bytes). */
  digest: Uint8Array;
  /** The nonce that was sent, when one was (a stored token is re-checked without it). */
  nonce?: Uint8Array;
  /** The roots the signer may chain to. */
  roots: TrustedRoot[];
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  rsaEncryption: '1.2.840.113549.1.1.1',
  commonName: '2.5.4.3',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
} as const;

const HASH_NAMES: Record<string, string> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};

const STATUS_NAMES = [
  'granted',
  'grantedWithMods',
  'rejection',
  'waiting',
  'revocationWarning',
  'revocationNotification',
];
const FAIL_INFO_NAMES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

/** A refusal, thrown inside and turned into `{ ok: false }` at the two entry points. */
class Refused extends Error {}
function refuse(reason: string): never {
  throw new Refused(reason);
}

let engine: CryptoEngine | undefined;

/**
 * pkijs picks a crypto engine when its module is first evaluated, and a bundler that trusts its `sideEffects: false`
 * may drop that step. Set it explicitly to the global WebCrypto (service worker, page and Node 20 alike), and pass it
 * to every call as well, so nothing depends on pkijs's global.
 */
function webCrypto(): CryptoEngine {
  if (!engine) {
    engine = new CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto });
    setEngine('webcrypto', engine);
  }
  return engine;
}

/** A reply straight from the TSA: PKIStatus first, then the token inside it. */
export async function verifyTimeStampReply(reply: Uint8Array, expect: TimeStampExpectation): Promise<TimeStampCheck> {
  return settle(async () => {
    const top = parseDer(bytesOf(reply) ?? refuse('the reply is not bytes'), 'the reply');
    let resp: TimeStampResp;
    try {
      resp = new TimeStampResp({ schema: top });
    } catch {
      return refuse('the reply is not an RFC 3161 TimeStampResp');
    }
    const status = resp.status.status as number;
    if (status !== 0 && status !== 1) {
      const text = (resp.status.statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
      const fail = failInfoNames(resp.status.failInfo);
      return refuse(
        `the TSA did not grant the stamp: status ${STATUS_NAMES[status] ?? status}` +
          (fail ? ` (${fail})` : '') +
          (text ? `: "${text}"` : ''),
      );
    }
    // The token's own bytes as they arrived: stored and exported exactly, never a re-encoding.
    const tokenBlock = top instanceof asn1js.Sequence ? top.valueBlock.value[1] : undefined;
    if (!resp.timeStampToken || !tokenBlock) return refuse('the TSA granted the stamp but sent no token');
    return checkToken(new Uint8Array(tokenBlock.valueBeforeDecodeView), expect);
  });
}

/** A stored token (no PKIStatus around it), e.g. re-checked inside an exported bundle. */
export async function verifyTimeStampToken(token: Uint8Array, expect: TimeStampExpectation): Promise<TimeStampCheck> {
  return settle(() => checkToken(bytesOf(token) ?? refuse('the token is not bytes'), expect));
}

/**
 * A private copy of any byte view (a Buffer, a Uint8Array from another realm or a structured clone): the caller's
 * buffer can change under an await, and `instanceof Uint8Array` fails across realms.
 */
function bytesOf(input: unknown): Uint8Array | undefined {
  if (!ArrayBuffer.isView(input)) return undefined;
  return new Uint8Array(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength));
}

async function settle(run: () => Promise<TimeStampCheck>): Promise<TimeStampCheck> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    return { ok: false, reason: `the token could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

async function checkToken(tokenBytes: Uint8Array, expect: TimeStampExpectation): Promise<TimeStampCheck> {
  const crypto = webCrypto();
  const expected = bytesOf(expect?.digest);
  if (!expected || expected.length !== 32) return refuse('the expected digest is not 32 bytes of SHA-256');
  const sentNonce = expect.nonce === undefined ? undefined : bytesOf(expect.nonce);
  if (expect.nonce !== undefined && !sentNonce) return refuse('the expected nonce is not bytes');

  // --- structure: ContentInfo → SignedData → TSTInfo --------------------------------------------------------------
  const top = parseDer(tokenBytes, 'the token');
  let contentInfo: ContentInfo;
  try {
    contentInfo = new ContentInfo({ schema: top });
  } catch {
    return refuse('the token is not a CMS ContentInfo');
  }
  if (contentInfo.contentType !== OID.signedData) refuse('the token is not CMS SignedData');
  let signed: SignedData;
  try {
    signed = new SignedData({ schema: contentInfo.content });
  } catch {
    return refuse('the token is not well-formed CMS SignedData');
  }
  if (signed.encapContentInfo.eContentType !== OID.tstInfo) refuse('the signed content is not a TSTInfo');
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent) return refuse('the token carries no TSTInfo');
  const tstBytes = new Uint8Array(eContent.getValue());
  let tst: TSTInfo;
  try {
    tst = new TSTInfo({ schema: parseDer(tstBytes, 'the TSTInfo') });
  } catch (e) {
    if (e instanceof Refused) throw e;
    return refuse('the TSTInfo is malformed');
  }

  // --- what was stamped: imprint and nonce --------------------------------------------------------------------------
  const imprintAlg = tst.messageImprint.hashAlgorithm.algorithmId;
  if (imprintAlg !== OID.sha256)
    refuse(`the message imprint uses ${HASH_NAMES[imprintAlg] ?? imprintAlg}, not SHA-256`);
  const stamped = tst.messageImprint.hashedMessage.valueBlock.valueHexView;
  if (!bytesEqual(stamped, expected))
    refuse(`the stamp covers another digest (stamped ${hex(stamped)}, expected ${hex(expected)})`);
  if (sentNonce) {
    if (!tst.nonce) refuse('the reply carries no nonce, but one was sent');
    const got = trimZeros(tst.nonce.valueBlock.valueHexView);
    if (!bytesEqual(got, trimZeros(sentNonce)))
      refuse(`the nonce differs (replied ${hex(got)}, sent ${hex(sentNonce)})`);
  }

  // --- who signed ---------------------------------------------------------------------------------------------------
  if (signed.signerInfos.length !== 1)
    refuse(`a time-stamp token has exactly one signature; this one has ${signed.signerInfos.length}`);
  const signerInfo = signed.signerInfos[0];
  if (!signerInfo) return refuse('the token has no signature');
  const certs = embeddedCertificates(contentInfo);
  const signer = await findSigner(signerInfo.sid, certs, crypto);
  if (!signer) return refuse("the token does not carry the TSA's certificate");

  // --- signed attributes: content type, message digest, ESSCertID(v2) -----------------------------------------------
  const attrs = signerInfo.signedAttrs?.attributes;
  if (!attrs || !signerInfo.signedAttrs) return refuse('the signature has no signed attributes');
  const contentTypeAttr = attrs.find((a) => a.type === OID.contentType);
  const ctValue = contentTypeAttr?.values[0];
  if (!(ctValue instanceof asn1js.ObjectIdentifier) || ctValue.valueBlock.toString() !== OID.tstInfo)
    refuse('the signed content-type attribute is not TSTInfo');
  const digestAlgName = HASH_NAMES[signerInfo.digestAlgorithm.algorithmId];
  if (!digestAlgName) return refuse(`the signature uses an unknown digest ${signerInfo.digestAlgorithm.algorithmId}`);
  const mdValue = attrs.find((a) => a.type === OID.messageDigest)?.values[0];
  if (!(mdValue instanceof asn1js.OctetString)) return refuse('the signature has no message-digest attribute');
  const tstDigest = await digest(digestAlgName, tstBytes);
  if (!bytesEqual(tstDigest, mdValue.valueBlock.valueHexView))
    refuse('the TSTInfo was altered after signing (its digest does not match the signed message-digest)');
  await checkEssCertId(attrs, signer);

  // --- the signature ------------------------------------------------------------------------------------------------
  let signatureOk = false;
  try {
    signatureOk = await crypto.verifyWithPublicKey(
      signerInfo.signedAttrs.encodedValue,
      signerInfo.signature,
      signer.cert.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      signerInfo.signatureAlgorithm.algorithmId === OID.rsaEncryption ? digestAlgName : undefined,
    );
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) refuse("the TSA's signature does not verify (the token was altered or signed by another key)");

  // --- the signer may time-stamp: extendedKeyUsage critical, timeStamping only (RFC 3161 §2.3) --------------------
  const eku = signer.cert.extensions?.find((e) => e.extnID === OID.extKeyUsage);
  if (!eku) refuse('the signer certificate has no extendedKeyUsage, so it is not a time-stamping certificate');
  if (!eku.critical) refuse("the signer certificate's extendedKeyUsage (timeStamping) is not marked critical");
  const purposes = eku.parsedValue instanceof ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (!purposes.includes(OID.timeStamping))
    refuse("the signer certificate's extendedKeyUsage does not include timeStamping");
  if (purposes.length !== 1) refuse("the signer certificate's extendedKeyUsage allows more than timeStamping");

  // --- the chain, at genTime ----------------------------------------------------------------------------------------
  const root = await checkChain(signer.cert, certs, expect.roots, tst.genTime, crypto);

  return {
    ok: true,
    genTime: tst.genTime.getTime(),
    tsa: subjectName(signer.cert),
    serial: hex(trimZeros(tst.serialNumber.valueBlock.valueHexView)),
    policy: tst.policy,
    ...(accuracyMs(tst) !== undefined ? { accuracyMs: accuracyMs(tst) } : {}),
    root,
    token: new Uint8Array(tokenBytes),
  };
}

// --- pieces ---------------------------------------------------------------------------------------------------------

interface Embedded {
  cert: Certificate;
  /** The certificate exactly as it travelled (ESSCertID hashes these bytes). */
  der: Uint8Array;
}

function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  if (bytes.length === 0) return refuse(`${what} is empty`);
  const { offset, result } = asn1js.fromBER(bytes);
  if (offset === -1 || result.error) return refuse(`${what} is not valid DER (truncated or garbage)`);
  if (offset !== bytes.length) return refuse(`${what} has ${bytes.length - offset} stray bytes after its end`);
  return result;
}

/** The certificates of the SignedData, each with its original bytes. */
function embeddedCertificates(contentInfo: ContentInfo): Embedded[] {
  const signedDataSeq = contentInfo.content as asn1js.Sequence;
  const set = signedDataSeq.valueBlock.value.find(
    (b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0 && b.idBlock.isConstructed,
  ) as asn1js.Constructed | undefined;
  const out: Embedded[] = [];
  for (const block of set?.valueBlock.value ?? []) {
    // Only plain X.509 certificates (a SEQUENCE); attribute and "other" certificates are tagged and skipped.
    if (block.idBlock.tagClass !== 1 || block.idBlock.tagNumber !== 16) continue;
    try {
      out.push({ cert: new Certificate({ schema: block }), der: new Uint8Array(block.valueBeforeDecodeView) });
    } catch {
      // an unreadable certificate cannot be the signer nor a link of its chain
    }
  }
  return out;
}

async function findSigner(sid: unknown, certs: Embedded[], crypto: CryptoEngine): Promise<Embedded | undefined> {
  if (sid instanceof IssuerAndSerialNumber)
    return certs.find((c) => c.cert.issuer.isEqual(sid.issuer) && c.cert.serialNumber.isEqual(sid.serialNumber));
  // subjectKeyIdentifier [0]: the SHA-1 of the public key, as pkijs compares it.
  const block = sid as asn1js.Constructed & asn1js.Primitive;
  const keyId = block.idBlock?.isConstructed
    ? (block.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView
    : block.valueBlock?.valueHexView;
  if (!keyId) return undefined;
  for (const c of certs) {
    const d = await crypto.digest(
      { name: 'SHA-1' },
      own(c.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    );
    if (bytesEqual(new Uint8Array(d), keyId)) return c;
  }
  return undefined;
}

/**
 * RFC 2634 / RFC 5035: the first ESSCertID(v2) of the signing-certificate attribute is the hash of the certificate
 * that signed, so a token cannot be passed off as signed by another certificate with the same key. v1 hashes with
 * SHA-1; v2 names its hash (SHA-256 by default). Either is accepted; every one present must match.
 */
async function checkEssCertId(attrs: Attribute[], signer: Embedded): Promise<void> {
  const v1 = attrs.find((a) => a.type === OID.signingCertificate);
  const v2 = attrs.find((a) => a.type === OID.signingCertificateV2);
  if (!v1 && !v2) refuse('the signature names no signing certificate (no ESSCertID or ESSCertIDv2 attribute)');
  for (const [attr, version] of [
    [v1, 'ESSCertID'],
    [v2, 'ESSCertIDv2'],
  ] as const) {
    if (!attr) continue;
    const first = firstEssCertId(attr.values[0]);
    if (!first) return refuse(`the ${version} attribute is malformed`);
    let hashOid: string = OID.sha1;
    let rest = first.valueBlock.value;
    if (version === 'ESSCertIDv2') {
      hashOid = OID.sha256;
      const head = rest[0];
      if (head instanceof asn1js.Sequence) {
        const alg = head.valueBlock.value[0];
        if (!(alg instanceof asn1js.ObjectIdentifier)) return refuse('the ESSCertIDv2 hash algorithm is malformed');
        hashOid = alg.valueBlock.toString();
        rest = rest.slice(1);
      }
    }
    const certHash = rest[0];
    const hashName = HASH_NAMES[hashOid];
    if (!hashName) return refuse(`the ${version} uses an unknown hash ${hashOid}`);
    if (!(certHash instanceof asn1js.OctetString)) return refuse(`the ${version} attribute is malformed`);
    if (!bytesEqual(await digest(hashName, signer.der), certHash.valueBlock.valueHexView))
      refuse(`the ${version} (${hashName}) names another certificate than the one that signed`);
    const issuerSerial = rest[1];
    if (issuerSerial instanceof asn1js.Sequence) {
      const serial = issuerSerial.valueBlock.value[1];
      if (serial instanceof asn1js.Integer && !signer.cert.serialNumber.isEqual(serial))
        refuse(`the ${version} names another certificate serial than the one that signed`);
    }
  }
}

function firstEssCertId(value: unknown): asn1js.Sequence | undefined {
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }
  if (!(value instanceof asn1js.Sequence)) return undefined;
  const list = value.valueBlock.value[0];
  if (!(list instanceof asn1js.Sequence)) return undefined;
  const first = list.valueBlock.value[0];
  return first instanceof asn1js.Sequence ? first : undefined;
}

/** Chain the signer to one of the roots, every certificate valid at genTime. Returns the root's name. */
async function checkChain(
  signer: Certificate,
  certs: Embedded[],
  roots: TrustedRoot[],
  genTime: Date,
  crypto: CryptoEngine,
): Promise<string> {
  const trusted: { name: string; cert: Certificate }[] = [];
  for (const root of roots ?? []) {
    for (const der of pemCertificates(root.pem)) {
      try {
        trusted.push({ name: root.name, cert: Certificate.fromBER(own(der)) });
      } catch {
        // an unreadable pinned certificate trusts nothing
      }
    }
  }
  if (trusted.length === 0) refuse('no readable root certificate was given to check the chain against');
  // As SignedData.verify does: CA certificates other than the signer, then the signer last (the engine's leaf).
  const intermediates = certs
    .map((c) => c.cert)
    .filter((c) => !(c.issuer.isEqual(signer.issuer) && c.serialNumber.isEqual(signer.serialNumber)))
    .filter(isCa);
  const chain = new CertificateChainValidationEngine({
    trustedCerts: trusted.map((t) => t.cert),
    certs: [...intermediates, signer],
    checkDate: genTime,
  });
  // A reply may carry a cross-certificate to a root we do not pin (DigiCert's G4 cross-signed by Assured ID, Sectigo's
  // R46 by USERTrust). pkijs's path search gives up on the whole search at such a dead end; end the branch instead.
  chain.findIssuer = async (cert, engine, c) => {
    const found = await engine.defaultFindIssuer(cert, engine, c);
    return found.length > 0 ? found : [cert];
  };
  let result;
  try {
    result = await chain.verify({}, crypto);
  } catch (e) {
    return refuse(
      `the signer certificate's chain could not be checked (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const names = [...new Set(trusted.map((t) => t.name))].join(', ');
  if (!result.result) {
    if (result.resultCode === 8)
      refuse(`a certificate in the TSA's chain was not valid at the stamp's time ${genTime.toISOString()}`);
    if (result.resultCode === 97 || result.resultCode === 60)
      refuse(`the TSA's certificate does not chain to a pinned root (tried: ${names})`);
    refuse(`the TSA's certificate chain is not valid: ${result.resultMessage}`);
  }
  const top = result.certificatePath?.[result.certificatePath.length - 1];
  const root = top && trusted.find((t) => bytesEqual(t.cert.tbsView, top.tbsView));
  if (!root) return refuse(`the TSA's certificate does not chain to a pinned root (tried: ${names})`);
  return root.name;
}

function isCa(cert: Certificate): boolean {
  const bc = cert.extensions?.find((e) => e.extnID === '2.5.29.19');
  return !!bc && (bc.parsedValue as { cA?: boolean } | undefined)?.cA === true;
}

function subjectName(cert: Certificate): string {
  const tv = cert.subject.typesAndValues;
  const cn = tv.find((t) => t.type === OID.commonName);
  if (cn) return String(cn.value.valueBlock.value);
  return tv.map((t) => String(t.value.valueBlock.value)).join(', ') || 'unnamed TSA';
}

function accuracyMs(tst: TSTInfo): number | undefined {
  const a = tst.accuracy;
  if (!a) return undefined;
  return (a.seconds ?? 0) * 1000 + (a.millis ?? 0) + (a.micros ?? 0) / 1000;
}

function failInfoNames(bits: asn1js.BitString | undefined): string {
  if (!bits) return '';
  const view = bits.valueBlock.valueHexView;
  const names: string[] = [];
  for (let i = 0; i < view.length * 8; i++)
    if (((view[i >> 3] as number) >> (7 - (i & 7))) & 1) names.push(FAIL_INFO_NAMES[i] ?? `bit ${i}`);
  return names.join(', ');
}

async function digest(name: string, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(name, own(data)));
}

/** A copy on a plain ArrayBuffer: WebCrypto's types (and some realms) refuse views over shared buffers. */
function own(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}

function trimZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
