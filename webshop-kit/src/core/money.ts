/**
 * Decimal money without floats: amounts as integer øre (bigint), rounded half away from zero to two decimals.
 * A line's amount is quantity × unit_price × (1 − discount_percent/100), rounded per line; VAT is 25 % of the sum.
 */

export const VAT_RATE_PERCENT = 25n;

// Quantity and discount are JSON numbers; six decimals of each are kept exactly (more is not a real shop's data).
const SCALE = 1_000_000n;

export function toCents(amount: string): bigint {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new Error(`not a money amount: ${amount}`);
  const cents = BigInt(match[2]!) * 100n + BigInt(match[3]!);
  return match[1] ? -cents : cents;
}

export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

/** n / d rounded half away from zero (d > 0). */
function divideRounded(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const rounded = (abs + d / 2n) / d;
  return negative ? -rounded : rounded;
}

function scaled(value: number): bigint {
  return BigInt(Math.round(value * Number(SCALE)));
}

export function lineAmountCents(unitPrice: string, quantity: number, discountPercent: number): bigint {
  const keep = 100n * SCALE - scaled(discountPercent);
  return divideRounded(toCents(unitPrice) * scaled(quantity) * keep, SCALE * 100n * SCALE);
}

export function withVatCents(exclVat: bigint): bigint {
  return divideRounded(exclVat * (100n + VAT_RATE_PERCENT), 100n);
}
