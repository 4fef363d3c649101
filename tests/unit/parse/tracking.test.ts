import { STAGES, type Stage } from '../../../lib/core/model';
import { classifyEvent, normalizeEvents } from '../../../lib/parse/tracking';

const EVENTS: [string, Stage][] = [
  // info: data only, no carrier scan yet
  ['商家正在通知快递公司揽件', 'info'],
  ['卖家已发货，等待快递公司揽收', 'info'],
  ['包裹正在等待揽收', 'info'],
  ['【杭州市】已打印面单', 'info'],
  ['订单信息已提交，等待快递员上门揽件', 'info'],
  ['揽件中', 'info'],
  ['您提交了订单，请等待系统确认', 'info'],
  ['您的订单已经进入京东北京仓准备出库', 'info'],
  ['您的订单已拣货完成', 'info'],
  ['您的订单已打包完成', 'info'],
  ['商家已发货', 'info'],
  ['Shipping Label Created, USPS Awaiting Item', 'info'],
  ['Shipment information received', 'info'],
  ['Label created', 'info'],
  ['', 'info'],
  ['   ', 'info'],
  ['谢谢惠顾', 'info'],
  // pickup
  ['【杭州市】浙江杭州滨江公司 已揽收', 'pickup'],
  ['【杭州市】浙江杭州滨江公司 已揽收，准备发往【杭州转运中心】', 'pickup'],
  ['【深圳市】顺丰速运 已收取快件', 'pickup'],
  ['快件已由【广州白云区营业部】揽收', 'pickup'],
  ['【北京市】北京朝阳区公司 的收件员 李四 已收件', 'pickup'],
  ['快递员已取件', 'pickup'],
  ['您的订单已交付京东快递，运单号为JD0012345678901', 'pickup'],
  ['您的订单已出库', 'pickup'],
  ['Picked up', 'pickup'],
  ['Accepted at USPS Origin Facility', 'pickup'],
  ['Shipment picked up', 'pickup'],
  // transit
  ['快件已到达【上海转运中心】', 'transit'],
  ['【杭州市】快件离开 【杭州中转部】 已发往 【北京】', 'transit'],
  ['快件在【深圳宝安集散中心】完成分拣,准备发往 【北京顺义集散中心】', 'transit'],
  ['您的订单在京东【北京通州分拣中心】分拣完成', 'transit'],
  ['您的订单由京东【北京通州分拣中心】送往【北京朝阳站】', 'transit'],
  ['【上海市】快件已发出', 'transit'],
  ['运输中', 'transit'],
  ['快件到达目的地【北京朝阳区】', 'transit'],
  ['【广州市】已离开 广州分拨中心；发往 北京分拨中心', 'transit'],
  ['In Transit to Next Facility', 'transit'],
  ['Arrived at USPS Regional Facility', 'transit'],
  ['Departed FedEx location', 'transit'],
  ['【上海市】某某网点', 'transit'],
  // delivering
  ['【北京市】快递员 张三 正在派件', 'delivering'],
  ['【北京市】北京朝阳区公司 派件员：张三 电话：13800000000 当前正在为您派件', 'delivering'],
  ['快件交给张三，正准备派送', 'delivering'],
  ['派送中', 'delivering'],
  // The class of phrasing (issue #17 item 6): whoever the delivery is "for", whatever the verb.
  ['正在为您派件', 'delivering'],
  ['【上海市】快件正在为您派件，派件人：李四，电话：13900000000', 'delivering'],
  ['您的快件正在为您派送，请保持电话畅通', 'delivering'],
  ['【广州市】快递小哥正给您派件', 'delivering'],
  ['快件已安排为您投递', 'delivering'],
  ['快件开始为您配送', 'delivering'],
  ['您的订单即将为您配送', 'delivering'],
  ['快件派送途中', 'delivering'],
  ['快件正在投递中', 'delivering'],
  // A depot named for delivery is a transit scan, not the courier at the door.
  ['快件已到达【北京朝阳配送中心】', 'transit'],
  ['快件已到达 上海派件中心', 'transit'],
  ['快件离开【杭州配送中转场】，发往上海', 'transit'],
  ['配送员【张三】已出发，联系电话13800000000，感谢您的耐心等待', 'delivering'],
  ['您的订单正在配送途中', 'delivering'],
  ['Out for Delivery', 'delivering'],
  ['On FedEx vehicle for delivery', 'delivering'],
  // locker
  ['您的快件已存放至【菜鸟驿站】，请凭取件码取件', 'locker'],
  ['快件已被 菜鸟驿站 代收', 'locker'],
  ['【北京市】快件已送达【丰巢智能快递柜】，取件码 123456', 'locker'],
  ['您的包裹已放入快递柜，请及时取件', 'locker'],
  ['已投柜', 'locker'],
  ['快件已到达【兔喜生活】，请凭取件码领取', 'locker'],
  ['您的快件已由【前台】代收', 'locker'],
  ['快件已到自提点，请尽快取件', 'locker'],
  ['Available for Pickup', 'locker'],
  ['Delivered to parcel locker', 'locker'],
  // delivered
  ['已签收，签收人是【本人】', 'delivered'],
  ['已签收，签收人凭取货码签收', 'delivered'],
  ['【北京市】已签收,签收人凭取货码签收,如有疑问请电联快递员：张三', 'delivered'],
  ['快件已签收,签收人:本人,如有问题请联系派件员', 'delivered'],
  ['您的订单已由本人签收。感谢您在京东购物，欢迎再次光临。', 'delivered'],
  ['已由他人代签收，签收人：门卫', 'delivered'],
  ['快件已从菜鸟驿站取出', 'delivered'],
  ['已妥投', 'delivered'],
  ['投递成功', 'delivered'],
  ['Delivered, In/At Mailbox', 'delivered'],
  ['Delivered, Front Door/Porch', 'delivered'],
  // exception
  ['快件异常：收件人拒收', 'exception'],
  ['派送不成功', 'exception'],
  ['【北京市】派送失败，收件人电话无人接听', 'exception'],
  ['快件滞留在【上海转运中心】', 'exception'],
  ['快件已丢失', 'exception'],
  ['外包装破损', 'exception'],
  ['问题件：地址不详', 'exception'],
  ['因天气原因，快件延误', 'exception'],
  ['收件人拒签', 'exception'],
  ['Delivery Exception', 'exception'],
  ['Package damaged', 'exception'],
  ['Delivery attempted - no access', 'exception'],
  ['Refused by recipient', 'exception'],
  ['Lost in transit', 'exception'],
  // returning
  ['快件已退回', 'returning'],
  ['拒收，退回', 'returning'],
  ['收件人拒收，快件已退回寄件人', 'returning'],
  ['派送失败，快件正在退回', 'returning'],
  ['快件已退件', 'returning'],
  ['Return to Sender', 'returning'],
  ['Returned to shipper', 'returning'],
  ['Being returned to sender: refused', 'returning'],
];

describe('classifyEvent', () => {
  it.each(EVENTS)('%j → %s', (text, stage) => expect(classifyEvent(text)).toBe(stage));

  it('has examples of every stage', () => {
    const seen = new Set(EVENTS.map(([, s]) => s));
    expect(STAGES.filter((s) => !seen.has(s))).toEqual([]);
  });

  it('reads full-width text', () => expect(classifyEvent('Ｏｕｔ ｆｏｒ Ｄｅｌｉｖｅｒｙ')).toBe('delivering'));
});

const NOW = Date.UTC(2025, 10, 10, 4); // 2025-11-10 12:00 in Shanghai
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);

describe('normalizeEvents', () => {
  it('sorts a newest-first list oldest first and classifies each event', () => {
    const out = normalizeEvents(
      [
        { time: '2025-11-08 10:00:00', text: '已签收，签收人是【本人】' },
        { time: '2025-11-08 08:30:00', text: '【北京市】快递员 张三 正在派件', location: '北京市' },
        { time: '2025-11-07 02:10:00', text: '快件已到达【北京转运中心】' },
        { time: '2025-11-06 21:15:00', text: '【杭州市】浙江杭州滨江公司 已揽收' },
      ],
      NOW,
    );
    expect(out).toEqual([
      { at: at(2025, 11, 6, 21, 15), text: '【杭州市】浙江杭州滨江公司 已揽收', stage: 'pickup' },
      { at: at(2025, 11, 7, 2, 10), text: '快件已到达【北京转运中心】', stage: 'transit' },
      { at: at(2025, 11, 8, 8, 30), text: '【北京市】快递员 张三 正在派件', stage: 'delivering', location: '北京市' },
      { at: at(2025, 11, 8, 10), text: '已签收，签收人是【本人】', stage: 'delivered' },
    ]);
  });

  it('drops unparseable times and empty texts, never invents a time', () => {
    const out = normalizeEvents(
      [
        { time: '', text: '快件已到达【上海转运中心】' },
        { time: '不详', text: '运输中' },
        { time: '2025-11-06 09:00', text: '   ' },
        { time: '2025-11-06 09:00', text: '已揽收' },
      ],
      NOW,
    );
    expect(out).toEqual([{ at: at(2025, 11, 6, 9), text: '已揽收', stage: 'pickup' }]);
  });

  it('keeps identical (at, text) once', () => {
    const e = { time: '2025-11-07 10:00', text: '派件中' };
    expect(normalizeEvents([e, { ...e }, { ...e, text: ' 派件中 ' }], NOW)).toHaveLength(1);
  });

  it('keeps the source chronology for equal times', () => {
    const newestFirst = normalizeEvents(
      [
        { time: '2025-11-07 10:00', text: 'B 快件离开【上海转运中心】' },
        { time: '2025-11-07 10:00', text: 'A 快件已到达【上海转运中心】' },
        { time: '2025-11-06 09:00', text: '已揽收' },
      ],
      NOW,
    );
    expect(newestFirst.map((e) => e.text[0])).toEqual(['已', 'A', 'B']);
    const oldestFirst = normalizeEvents(
      [
        { time: '2025-11-06 09:00', text: '已揽收' },
        { time: '2025-11-07 10:00', text: 'A 快件已到达【上海转运中心】' },
        { time: '2025-11-07 10:00', text: 'B 快件离开【上海转运中心】' },
      ],
      NOW,
    );
    expect(oldestFirst.map((e) => e.text[0])).toEqual(['已', 'A', 'B']);
  });

  it('reads month-day and relative times against now', () => {
    const out = normalizeEvents(
      [
        { time: '今天 09:12', text: '派送中' },
        { time: '昨天 18:01', text: '运输中' },
        { time: '11-08 23:10', text: '已揽收' },
      ],
      NOW,
    );
    expect(out.map((e) => e.at)).toEqual([at(2025, 11, 8, 23, 10), at(2025, 11, 9, 18, 1), at(2025, 11, 10, 9, 12)]);
  });

  it('accepts odd input without throwing', () => {
    expect(normalizeEvents([], NOW)).toEqual([]);
    expect(normalizeEvents(null as unknown as [], NOW)).toEqual([]);
    expect(normalizeEvents([null, { time: 5, text: 'x' }] as unknown as [], NOW)).toEqual([]);
  });
});
