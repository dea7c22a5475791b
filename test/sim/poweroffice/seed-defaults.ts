/** Plausible defaults for seeded records, so `sim.seed.customer()` alone gives a valid, distinct customer. */

/** A 9-digit Norwegian organisation number with a valid MOD11 check digit, distinct per `n`. */
export function organizationNumber(n: number): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (let k = n; ; k++) {
    const body = `9${String(k % 10_000_000).padStart(7, "0")}`;
    const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${body}${check === 11 ? 0 : check}`;
  }
}

export class SeedDefaults {
  private counter = 0;

  customer(partial: Record<string, unknown>): Record<string, unknown> {
    const n = ++this.counter;
    const address = { AddressLine1: `Storgata ${n}`, ZipCode: "0155", City: "Oslo", CountryCode: "NO" };
    const base = partial.IsPerson
      ? { FirstName: "Kari", LastName: `Nordmann ${n}`, EmailAddress: `kari.nordmann${n}@example.no` }
      : { Name: `Testkunde ${n} AS`, OrganizationNumber: organizationNumber(n), EmailAddress: `post@testkunde${n}.no` };
    return { ...base, MailAddress: address, ...partial };
  }

  department(partial: Record<string, unknown>): Record<string, unknown> {
    const n = ++this.counter;
    return { Name: `Avdeling ${n}`, Code: `A${n}`, IsActive: true, ...partial };
  }

  product(partial: Record<string, unknown>): Record<string, unknown> {
    const n = ++this.counter;
    return { Name: `Vare ${n}`, Code: `SKU-${1000 + n}`, UnitPrice: 100 + n, UnitCost: 40, ...partial };
  }
}
