/**
 * The public tracking sites' answers we keep (PLATFORMS.md "Public tracking pages"; lib/sites/tracking.ts reads them):
 * a list of its own beside the shops' (./urls.ts), so the two grow apart without touching each other. Paths only;
 * the request's body (kuaidi100's `phone`, the last four digits SF and ZTO ask for) is never read.
 */
export const TRACKING_KEPT: readonly RegExp[] = [
  // kuaidi100 m./www. `POST /query` → {status, state, com, nu, data[]}.
  /^https:\/\/(?:m|www)\.kuaidi100\.com\/query\/?(?:[?#]|$)/,
  // Cainiao global `/global/detail.json?mailNos=…`.
  /^https:\/\/global\.cainiao\.com\/global\/detail\.json(?:[?#]|$)/,
  // 17TRACK's web app `restapi` (`/track/restapi`, older `/restapi/track`).
  /^https:\/\/t\.17track\.net\/(?:track\/restapi|restapi\/track)\/?(?:[?#]|$)/,
];
