import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, formatMoney } from '@/lib/core/format';
import type { T } from '@/lib/core/i18n';
import type { EvidenceRef, ObservationFact, TicketFacts } from '@/lib/tickets';
import type { TicketActions } from './actions';
import './PriceComparison.css';

const SHOP_ZONE = 'Asia/Shanghai';

/** One screenshot of a side: its picture when the page can read it, always its time and hash. */
function Shot({ shot, actions, t }: { shot: EvidenceRef; actions: TicketActions; t: T }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!actions.thumbnail) return;
    let alive = true;
    let made: string | null = null;
    void actions.thumbnail(shot.id).then(
      (u) => {
        made = u;
        if (alive) setSrc(u);
        else if (u) actions.releaseThumbnail?.(u);
      },
      () => undefined,
    );
    return () => {
      alive = false;
      if (made) actions.releaseThumbnail?.(made);
    };
  }, [shot.id]);
  return (
    <figure class="compare__shot" data-evidence={shot.id}>
      {src && <img src={src} alt={t('ticketCompareShotAlt', formatDateTime(shot.capturedAt, SHOP_ZONE))} />}
      <figcaption>
        {formatDateTime(shot.capturedAt, SHOP_ZONE)} · SHA-256 <code>{shot.sha256}</code>
      </figcaption>
    </figure>
  );
}

function Side(props: { heading: string; side: ObservationFact; actions: TicketActions; t: T }) {
  const { side, t } = props;
  const where = t(`ticketChannel_${side.channel}`);
  return (
    <section class="compare__side" data-channel={side.channel} aria-label={props.heading}>
      <h3>{props.heading}</h3>
      <p class="compare__where">
        {where}
        {side.roomId ? ` · ${t('ticketCompareRoom', side.roomId)}` : ''}
        {side.videoId ? ` · ${t('ticketCompareVideo', side.videoId)}` : ''}
      </p>
      <p class="compare__price">{formatMoney(side.price)}</p>
      <p class="compare__at">
        {t(side.source === 'order' ? 'ticketComparePaidAt' : 'ticketCompareSeenAt', formatDateTime(side.at, SHOP_ZONE))}
      </p>
      {side.evidence.length > 0 ? (
        side.evidence.map((e) => <Shot key={e.id} shot={e} actions={props.actions} t={t} />)
      ) : (
        <p class="compare__missing">{t('ticketCompareNoShot')}</p>
      )}
    </section>
  );
}

/** A price discrepancy's two sides next to each other: channel, price, time and the screenshots of each. */
export function PriceComparison(props: { facts: TicketFacts; actions: TicketActions; t: T }) {
  const d = props.facts.discrepancy;
  if (!d) return null;
  const { t } = props;
  return (
    <section class="compare" aria-labelledby="compare-h">
      <h2 id="compare-h">{t('ticketCompareHeading')}</h2>
      <div class="compare__sides">
        <Side heading={t('ticketCompareHigher')} side={d.higher} actions={props.actions} t={t} />
        <Side heading={t('ticketCompareLower')} side={d.lower} actions={props.actions} t={t} />
      </div>
    </section>
  );
}
