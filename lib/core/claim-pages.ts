/**
 * Where a price drop becomes money fastest: the platform's own 价保 page (PLATFORMS.md "Price protection on the
 * platforms' own pages"). JD refunds the difference when the shopper clicks 申请价保 there, Taobao/Tmall have a
 * 一键价保 page; Pinduoduo and Douyin have none, so there the complaint ticket is the path. We only open the page:
 * the shopper clicks (DESIGN.md "Not goals").
 */
import type { Alert, Platform } from './model';

export interface ClaimPage {
  url: string;
  /** The alert's first action, in the shopper's language (lib/core/i18n message key). */
  label: 'alertClaimJd' | 'alertClaimTaobao';
}

const TAOBAO: ClaimPage = { url: 'https://pages.tmall.com/wow/act/22351/priceprotection', label: 'alertClaimTaobao' };

export const CLAIM_PAGES: Readonly<Partial<Record<Platform, ClaimPage>>> = {
  jd: { url: 'https://pcsitepp-fm.jd.com/', label: 'alertClaimJd' },
  taobao: TAOBAO,
  tmall: TAOBAO,
};

/** The platform's own 价保 page for a price alert, or null: the ticket is then the path. */
export function claimPageFor(alert: Pick<Alert, 'kind' | 'platform' | 'amount' | 'claimRefused'>): ClaimPage | null {
  // Refused there already: the complaint, with the refusal as evidence, is the way now.
  if (alert.claimRefused !== undefined) return null;
  const priceAlert = alert.kind === 'price-drop' || (alert.kind === 'protection-expiring' && alert.amount);
  if (!priceAlert || !alert.platform) return null;
  return CLAIM_PAGES[alert.platform] ?? null;
}
