/**
 * JD's 价保 answers kept from the page's own requests (PLATFORMS.md "Price protection on the platforms' own pages"):
 * a line's apply and its result (`…/rest/pricepro/skuProtectApply`, `…/rest/webserver/skuProResultPC`) and the
 * one-click page's calls to api.m.jd.com (only the 价保 pages run a main-world script that keeps them). A list of its
 * own, beside ./urls.ts, so each platform's patterns change in one place.
 */
export const JD_CLAIM_RESPONSES: readonly RegExp[] = [
  /^https?:\/\/[^/?#]*\.jd\.com\/rest\/pricepro\/skuProtectApply\/?(?:[?#]|$)/,
  /^https?:\/\/[^/?#]*\.jd\.com\/rest\/webserver\/skuProResultPC\/?(?:[?#]|$)/,
  /^https:\/\/api\.m\.jd\.com\/(?:client\.action|api)?\/?(?:[?#]|$)/,
];
