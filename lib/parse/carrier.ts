/**
 * Tracking number → carrier, and shop-printed carrier names → carrier. Pure, no zod at runtime.
 *
 * Lettered numbers are unambiguous (SF…, YT…, JT…, JD…, DPK…, 1Z…, S10 "EA123456789CN").
 * Pure-digit numbers overlap between carriers; the shopper is on a Chinese shop, so the domestic
 * reading wins. Decision table for digits only (first row that matches):
 *
 * | length | prefix                          | carrier | why |
 * |--------|---------------------------------|---------|-----|
 * | 10     | any                             | DHL     | DHL Express air waybill |
 * | 12     | 268 368 468 568 668 868 968 88 22 77 | STO | classic 申通 12-digit families |
 * | 12     | 7x, 68                          | ZTO     | legacy 中通 12-digit |
 * | 12     | 5                               | BEST    | 百世 12-digit (weak: BEST merged into J&T in 2021) |
 * | 12     | other                           | FEDEX   | FedEx Express 12-digit |
 * | 13     | 1, 8, 9                         | EMS     | 邮政 domestic 10/11/98/99… |
 * | 13     | 3, 4, 5                         | YUNDA   | 韵达 13-digit (31…, 43…, 46…, 50…) |
 * | 13     | 77                              | STO     | |
 * | 14     | 73 74 75 76 78                  | ZTO     | current 中通 numbers |
 * | 14–17  | 77                              | STO     | current 申通 numbers (773…) |
 * | 14     | 5                               | BEST    | weak guess, as above |
 * | 15     | 3, 4                            | YUNDA   | current 韵达 numbers |
 * | 15     | 621                             | CAINIAO | 菜鸟 domestic |
 * | 15     | other                           | FEDEX   | FedEx Ground |
 * | 20–22, 26 | 92 93 94 95                  | USPS    | IMpb barcodes |
 * | 20, 22 | other                           | FEDEX   | FedEx Ground 96… / SmartPost |
 * | other  |                                 | null    | too ambiguous to guess |
 */
import type { CarrierCode } from '../core/model';
import { toHalfWidth } from './normalize';

export const CARRIER_NAMES: Record<CarrierCode, { zh: string; en: string }> = {
  SF: { zh: '顺丰速运', en: 'SF Express' },
  ZTO: { zh: '中通快递', en: 'ZTO Express' },
  YTO: { zh: '圆通速递', en: 'YTO Express' },
  YUNDA: { zh: '韵达快递', en: 'Yunda Express' },
  STO: { zh: '申通快递', en: 'STO Express' },
  JT: { zh: '极兔速递', en: 'J&T Express' },
  JD: { zh: '京东物流', en: 'JD Logistics' },
  EMS: { zh: '中国邮政EMS', en: 'China Post EMS' },
  CAINIAO: { zh: '菜鸟', en: 'Cainiao' },
  DEPPON: { zh: '德邦快递', en: 'Deppon Express' },
  BEST: { zh: '百世快递', en: 'BEST Express' },
  DHL: { zh: 'DHL', en: 'DHL' },
  UPS: { zh: 'UPS', en: 'UPS' },
  FEDEX: { zh: 'FedEx', en: 'FedEx' },
  USPS: { zh: 'USPS', en: 'USPS' },
};

/** Lettered formats, checked in order. */
const LETTERED: [RegExp, CarrierCode][] = [
  [/^SF[A-Z0-9]?\d{11,13}$/, 'SF'],
  [/^YT\d{10,16}$/, 'YTO'],
  [/^JT\d{10,16}$/, 'JT'],
  [/^JD[A-Z0-9]{9,20}$/, 'JD'],
  [/^DPK\d{8,15}$/, 'DEPPON'],
  [/^1Z[A-Z0-9]{16}$/, 'UPS'],
  [/^[A-Z]{2}\d{9}CN$/, 'EMS'],
  [/^[A-Z]{2}\d{9}US$/, 'USPS'],
  [/^(?:LP\d{12,16}|CAINIAO[A-Z0-9]{4,24}|CN[A-Z]{0,3}\d{10,20})$/, 'CAINIAO'],
  [/^(?:JJD\d{10,21}|GM\d{16,22})$/, 'DHL'],
  [/^BEST[A-Z0-9]{6,20}$/, 'BEST'],
];

/** Digits only: [length pattern, prefix pattern, carrier], first match wins (table above). */
const DIGITS: [RegExp, CarrierCode][] = [
  [/^\d{10}$/, 'DHL'],
  [/^(?:[2-9]68\d{9}|(?:88|22|77)\d{10})$/, 'STO'],
  [/^(?:7\d|68)\d{10}$/, 'ZTO'],
  [/^5\d{11}$/, 'BEST'],
  [/^\d{12}$/, 'FEDEX'],
  [/^[189]\d{12}$/, 'EMS'],
  [/^[345]\d{12}$/, 'YUNDA'],
  [/^77\d{11}$/, 'STO'],
  [/^7[3-68]\d{12}$/, 'ZTO'],
  [/^77\d{12,15}$/, 'STO'],
  [/^5\d{13}$/, 'BEST'],
  [/^[34]\d{14}$/, 'YUNDA'],
  [/^621\d{12}$/, 'CAINIAO'],
  [/^\d{15}$/, 'FEDEX'],
  [/^9[2-5](?:\d{18,20}|\d{24})$/, 'USPS'],
  [/^(?:\d{20}|\d{22})$/, 'FEDEX'],
];

/** Trim, upper-case, full-width → ASCII, drop JD parcel suffixes ("-1-1-"), spaces and dashes. */
export function normalizeTrackingNumber(input: string): string {
  if (typeof input !== 'string') return '';
  let s = toHalfWidth(input).trim().toUpperCase();
  if (/^JD/.test(s)) s = s.replace(/(?:-\d{1,3}){1,3}-?$/, '');
  return s.replace(/[^A-Z0-9]/g, '');
}

/** PUBLIC CONTRACT (DESIGN.md): the carrier a tracking number belongs to, or null. */
export function detectCarrier(trackingNumber: string): CarrierCode | null {
  const s = normalizeTrackingNumber(trackingNumber);
  if (s.length < 8 || s.length > 40) return null;
  const table = /^\d+$/.test(s) ? DIGITS : LETTERED;
  for (const [re, code] of table) if (re.test(s)) return code;
  return null;
}

/** Name fragments as shops print them, checked in order (specific before generic). */
const NAMES: [RegExp, CarrierCode][] = [
  [/顺丰|\bSF\b/i, 'SF'],
  [/中通|\bZTO\b/i, 'ZTO'],
  [/圆通|\bYTO\b/i, 'YTO'],
  [/韵达|\bYUNDA\b/i, 'YUNDA'],
  [/申通|\bSTO\b/i, 'STO'],
  [/极兔|J\s*&\s*T\b|\bJT\b/i, 'JT'],
  [/百世|汇通|\bBEST\s*(?:EXPRESS|INC)|^BEST$/i, 'BEST'],
  [/京东|\bJD\b|JINGDONG/i, 'JD'],
  [/德邦|\bDEPPON\b/i, 'DEPPON'],
  [/菜鸟|\bCAINIAO\b/i, 'CAINIAO'],
  [/联邦快递|\bFEDEX\b/i, 'FEDEX'],
  [/美国邮政|\bUSPS\b/i, 'USPS'],
  [/邮政|\bEMS\b|CHINA\s*POST/i, 'EMS'],
  [/\bDHL\b|敦豪/i, 'DHL'],
  [/\bUPS\b|联合包裹/i, 'UPS'],
];

/** "圆通速递", "中通快递", "顺丰", "京东快递", "邮政快递包裹" → carrier code; null when unknown. */
export function carrierFromName(name: string): CarrierCode | null {
  if (typeof name !== 'string') return null;
  const s = toHalfWidth(name).trim().slice(0, 100);
  if (!s) return null;
  for (const [re, code] of NAMES) if (re.test(s)) return code;
  return null;
}
