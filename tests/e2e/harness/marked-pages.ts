/**
 * JD order pages that show which order they are in their pixels: each paints its order's marker colour in
 * its top-left corner, so a stored screenshot can be checked against the order its record names
 * (decode it with `markerColour` from ./idb.ts).
 */
import { fixture } from './paths';

export const ORDER_URL = (id: string) => `https://details.jd.com/normal/item.action?orderid=${id}`;

/** Marker colour per order id: what the screenshot of that order's page must show. */
export const MARKERS: Record<string, [number, number, number]> = {
  '301234567801': [255, 0, 0],
  '301234567802': [0, 0, 255],
  '301234567803': [0, 160, 0],
  '301234567804': [255, 200, 0],
  '301234567805': [160, 0, 160],
};

/** The JD order fixture for the order id in the URL, with that order's marker painted top-left. */
export function markedOrderPage(url: string): string {
  const id = new URL(url).searchParams.get('orderid') ?? '';
  const [r, g, b] = MARKERS[id] ?? [128, 128, 128];
  const marker = `<div style="position:fixed;left:0;top:0;width:160px;height:160px;z-index:2147483647;background:rgb(${r},${g},${b})"></div>`;
  return fixture('e2e/jd-order.html').replaceAll('301234567890', id).replace('<body>', `<body>${marker}`);
}

/** Is a decoded colour the marker (JPEG at quality 0.82 moves it a little)? */
export function near(actual: [number, number, number], expected: [number, number, number]): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]!) <= 40);
}
