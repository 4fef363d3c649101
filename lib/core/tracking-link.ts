/**
 * "查物流": the kuaidi100 page of a parcel (PLATFORMS.md "Public tracking pages"), and kuaidi100's carrier codes both
 * ways. Pure and small: the popup and the evidence page build the link, the tracking page's reader reads `com`.
 */
import type { CarrierCode } from './model';
import { detectCarrier, normalizeTrackingNumber } from '../parse/carrier';

/** kuaidi100's company codes (PLATFORMS.md) for our carriers; null where kuaidi100 has none we know. */
export const KUAIDI100_CODES: Record<CarrierCode, string | null> = {
  SF: 'shunfeng',
  ZTO: 'zhongtong',
  YTO: 'yuantong',
  YUNDA: 'yunda',
  STO: 'shentong',
  JT: 'jtexpress',
  JD: 'jd',
  EMS: 'ems',
  CAINIAO: null,
  DEPPON: 'debangkuaidi',
  BEST: 'huitongkuaidi',
  DHL: 'dhl',
  UPS: 'ups',
  FEDEX: 'fedex',
  USPS: 'usps',
};

/** Codes kuaidi100 answers with that are not the ones we send (邮政国内 is EMS's parcel service). */
const KUAIDI100_ALIASES: Record<string, CarrierCode> = { youzhengguonei: 'EMS', debangwuliu: 'DEPPON' };

export function carrierFromKuaidi100(com: unknown): CarrierCode | undefined {
  if (typeof com !== 'string' || com.length > 40) return undefined;
  const c = com.trim().toLowerCase();
  if (!c) return undefined;
  const alias = KUAIDI100_ALIASES[c];
  if (alias) return alias;
  for (const [code, name] of Object.entries(KUAIDI100_CODES)) if (name === c) return code as CarrierCode;
  return undefined;
}

/** A number as a tracking site takes it: 6–40 letters and digits, else null. */
export function cleanNumber(n: unknown): string | null {
  // Letters, digits (half- or full-width), spaces and dashes only: anything else is not a number as printed.
  if (typeof n !== 'string' || n.length > 80 || !/^[\sA-Za-z0-9\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+$/.test(n))
    return null;
  const s = normalizeTrackingNumber(n);
  return /^[A-Z0-9]{6,40}$/.test(s) ? s : null;
}

/** PLATFORMS.md: `https://m.kuaidi100.com/app/query/?nu=<number>&com=<code>` ("查物流"). Null for a number it can't take. */
export function kuaidi100Url(trackingNumber: string, carrier?: CarrierCode | null): string | null {
  const nu = cleanNumber(trackingNumber);
  if (!nu) return null;
  const u = new URL('https://m.kuaidi100.com/app/query/');
  u.searchParams.set('nu', nu);
  const com = KUAIDI100_CODES[carrier ?? detectCarrier(nu) ?? 'CAINIAO'];
  if (com) u.searchParams.set('com', com);
  return u.href;
}
