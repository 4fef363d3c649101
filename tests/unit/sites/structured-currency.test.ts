/**
 * Issue #17 item 6, as a class: a price keeps the currency of the schema.org object it was read from. An offer whose
 * price lives only in `priceSpecification` (with its own priceCurrency) was read in the page's default currency (CNY);
 * a lowercase code was dropped for CNY; a list price (划线) specification was taken for the asked price.
 */
import { extractPage } from '@/lib/sites';

const URL_ = 'https://shop.example.com/p/kettle';
const ld = (offers: unknown) =>
  `<html><head><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Kettle', sku: 'K1', offers })}</script></head><body></body></html>`;
const read = (html: string) => {
  const snap = extractPage(new DOMParser().parseFromString(html, 'text/html'), URL_);
  return snap?.kind === 'product' ? snap.price : null;
};

describe('schema.org offers keep their own currency', () => {
  it.each([
    [
      'price only in priceSpecification, its own currency',
      ld({
        '@type': 'Offer',
        priceSpecification: { '@type': 'UnitPriceSpecification', price: 24.99, priceCurrency: 'EUR' },
      }),
      { amount: 2499, currency: 'EUR' },
    ],
    [
      'priceSpecification currency over the offer’s',
      ld({ '@type': 'Offer', priceCurrency: 'USD', priceSpecification: { price: '19.50', priceCurrency: 'GBP' } }),
      { amount: 1950, currency: 'GBP' },
    ],
    [
      'priceSpecification without a currency: the offer’s',
      ld({ '@type': 'Offer', priceCurrency: 'USD', priceSpecification: [{ price: '19.50' }] }),
      { amount: 1950, currency: 'USD' },
    ],
    [
      'a list of specifications: the list price (划线) is not the asked price',
      ld({
        '@type': 'Offer',
        priceSpecification: [
          {
            '@type': 'UnitPriceSpecification',
            priceType: 'https://schema.org/ListPrice',
            price: 39.99,
            priceCurrency: 'EUR',
          },
          { '@type': 'UnitPriceSpecification', price: 29.99, priceCurrency: 'EUR' },
        ],
      }),
      { amount: 2999, currency: 'EUR' },
    ],
    [
      'minPrice of a specification',
      ld({ '@type': 'Offer', priceSpecification: { minPrice: 5, priceCurrency: 'JPY' } }),
      { amount: 500, currency: 'JPY' },
    ],
    [
      'a lowercase code is still that currency',
      ld({ '@type': 'Offer', price: '12.00', priceCurrency: ' usd ' }),
      { amount: 1200, currency: 'USD' },
    ],
    [
      'the offer’s own price wins over a specification',
      ld({
        '@type': 'Offer',
        price: '10',
        priceCurrency: 'USD',
        priceSpecification: { price: 9, priceCurrency: 'EUR' },
      }),
      { amount: 1000, currency: 'USD' },
    ],
    [
      'microdata: a nested PriceSpecification’s own currency',
      `<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kettle</h1><meta itemprop="sku" content="K1">
<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="USD">
<div itemprop="priceSpecification" itemscope itemtype="https://schema.org/UnitPriceSpecification"><meta itemprop="priceCurrency" content="EUR"><span itemprop="price" content="24.99">24,99 €</span></div></div></div></body></html>`,
      { amount: 2499, currency: 'EUR' },
    ],
    [
      'microdata: a specification without a currency takes its offer’s',
      `<html><body><div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kettle</h1><meta itemprop="sku" content="K1">
<div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="GBP">
<div itemprop="priceSpecification" itemscope itemtype="https://schema.org/UnitPriceSpecification"><span itemprop="price" content="8.00">£8.00</span></div></div></div></body></html>`,
      { amount: 800, currency: 'GBP' },
    ],
  ])('%s', (_, html, want) => {
    expect(read(html)).toEqual(want);
  });
});
