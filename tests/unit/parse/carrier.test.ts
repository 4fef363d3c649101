import { CARRIERS } from '../../../lib/core/model';
import { CARRIER_NAMES, carrierFromName, detectCarrier, normalizeTrackingNumber } from '../../../lib/parse/carrier';

const NUMBERS: [string, string][] = [
  // SF: SF + 12–13 digits
  ['SF1234567890123', 'SF'],
  ['SF1608012345678', 'SF'],
  ['sf1402893357514', 'SF'],
  ['SF 1402 8933 5751 4', 'SF'],
  ['SF123456789012', 'SF'],
  // ZTO: 14 digits 73/74/75/76/78, legacy 12 digits 7x/68
  ['73100012345678', 'ZTO'],
  ['75312345678901', 'ZTO'],
  ['78312345678901', 'ZTO'],
  ['76012345678901', 'ZTO'],
  ['73 1000 1234 5678', 'ZTO'],
  ['731234567890', 'ZTO'],
  ['681234567890', 'ZTO'],
  // YTO
  ['YT1234567890123', 'YTO'],
  ['YT6543210987654', 'YTO'],
  ['yt7001234567890', 'YTO'],
  // YUNDA: 13 digits 3/4/5, 15 digits 3/4
  ['4312345678901', 'YUNDA'],
  ['4630012345678', 'YUNDA'],
  ['3101234567890', 'YUNDA'],
  ['5012345678901', 'YUNDA'],
  ['462012345678901', 'YUNDA'],
  ['434012345678901', 'YUNDA'],
  // STO: 77 + 12–15, classic 12-digit families
  ['773012345678901', 'STO'],
  ['77301234567890', 'STO'],
  ['7730123456789012', 'STO'],
  ['268123456789', 'STO'],
  ['368123456789', 'STO'],
  ['881234567890', 'STO'],
  ['221234567890', 'STO'],
  ['771234567890', 'STO'],
  // JT
  ['JT5012345678901', 'JT'],
  ['JT0001234567890', 'JT'],
  // JD
  ['JD0012345678901', 'JD'],
  ['JDVA12345678901', 'JD'],
  ['JDVB01234567890', 'JD'],
  ['JDX012345678901', 'JD'],
  ['JDVA12345678901-1-1-', 'JD'],
  ['JDAZ00123456789-2-3', 'JD'],
  // EMS / China Post
  ['EA123456789CN', 'EMS'],
  ['EE123456789CN', 'EMS'],
  ['RR123456789CN', 'EMS'],
  ['9812345678901', 'EMS'],
  ['1012345678901', 'EMS'],
  ['1112345678901', 'EMS'],
  ['9912345678901', 'EMS'],
  // Cainiao
  ['LP00123456789012', 'CAINIAO'],
  ['CNAQV1234567890', 'CAINIAO'],
  ['CN1234567890123', 'CAINIAO'],
  ['621123456789012', 'CAINIAO'],
  // Deppon
  ['DPK123456789012', 'DEPPON'],
  ['DPK0123456789', 'DEPPON'],
  // BEST (weak)
  ['BEST12345678', 'BEST'],
  ['555012345678', 'BEST'],
  ['55501234567890', 'BEST'],
  // DHL
  ['1234567890', 'DHL'],
  ['JJD0123456789012345678', 'DHL'],
  ['GM2951234567890123', 'DHL'],
  // UPS
  ['1Z999AA10123456784', 'UPS'],
  ['1z 999 aa1 01 2345 6784', 'UPS'],
  // FedEx
  ['123456789012', 'FEDEX'],
  ['020207021381215', 'FEDEX'],
  // ambiguous on purpose: FedEx's sample 15-digit number reads as 韵达, the domestic reading wins
  ['449044304137821', 'YUNDA'],
  ['61299995669352455464', 'FEDEX'],
  ['9612019012345678901234', 'FEDEX'],
  // USPS
  ['9400100000000000000000', 'USPS'],
  ['9205500000000000000001', 'USPS'],
  ['92055000000000000000011111', 'USPS'],
  ['LX123456789US', 'USPS'],
  // full-width and labels around the number
  ['ＳＦ１２３４５６７８９０１２３', 'SF'],
  ['  YT1234567890123  ', 'YTO'],
  ['运单号：JT5012345678901', 'JT'],
];

const GARBAGE = [
  '',
  ' ',
  'abc',
  '123',
  '1234567',
  'SF',
  'hello world',
  '运单号',
  '——',
  '00000000000000000000000000000000000000000000',
  '12345678901234567',
];

describe('detectCarrier', () => {
  it.each(NUMBERS)('%j → %s', (n, code) => expect(detectCarrier(n)).toBe(code));
  it.each(GARBAGE)('%j → null', (n) => expect(detectCarrier(n)).toBeNull());
  it('covers every carrier code', () => {
    const seen = new Set(NUMBERS.map(([, c]) => c));
    expect([...CARRIERS].filter((c) => !seen.has(c))).toEqual([]);
  });
});

describe('normalizeTrackingNumber', () => {
  it.each([
    [' sf 1234-5678-9012 3 ', 'SF1234567890123'],
    ['JDVA12345678901-1-1-', 'JDVA12345678901'],
    ['ｙｔ１２３', 'YT123'],
  ])('%j → %s', (raw, out) => expect(normalizeTrackingNumber(raw)).toBe(out));
});

describe('carrierFromName', () => {
  it.each([
    ['顺丰速运', 'SF'],
    ['顺丰', 'SF'],
    ['顺丰快递', 'SF'],
    ['SF Express', 'SF'],
    ['中通快递', 'ZTO'],
    ['中通', 'ZTO'],
    ['ZTO Express', 'ZTO'],
    ['圆通速递', 'YTO'],
    ['圆通快递', 'YTO'],
    ['韵达快递', 'YUNDA'],
    ['韵达速递', 'YUNDA'],
    ['申通快递', 'STO'],
    ['极兔', 'JT'],
    ['极兔速递', 'JT'],
    ['J&T Express', 'JT'],
    ['京东快递', 'JD'],
    ['京东物流', 'JD'],
    ['JD Logistics', 'JD'],
    ['邮政快递包裹', 'EMS'],
    ['中国邮政', 'EMS'],
    ['EMS', 'EMS'],
    ['中国邮政EMS', 'EMS'],
    ['China Post', 'EMS'],
    ['菜鸟', 'CAINIAO'],
    ['菜鸟速递', 'CAINIAO'],
    ['德邦快递', 'DEPPON'],
    ['德邦物流', 'DEPPON'],
    ['百世快递', 'BEST'],
    ['百世汇通', 'BEST'],
    ['DHL', 'DHL'],
    ['DHL Express', 'DHL'],
    ['UPS', 'UPS'],
    ['FedEx', 'FEDEX'],
    ['联邦快递', 'FEDEX'],
    ['USPS', 'USPS'],
    ['美国邮政', 'USPS'],
    ['  中通快递 ', 'ZTO'],
  ])('%j → %s', (name, code) => expect(carrierFromName(name)).toBe(code));

  it.each(['', '未知快递', '其他', 'Groups', 'Systems', 'bestseller'])('%j → null', (name) => {
    expect(carrierFromName(name)).toBeNull();
  });

  it('maps every CARRIER_NAMES entry back to its code', () => {
    for (const code of CARRIERS) {
      expect(carrierFromName(CARRIER_NAMES[code].zh)).toBe(code);
      expect(carrierFromName(CARRIER_NAMES[code].en)).toBe(code);
    }
  });
});
