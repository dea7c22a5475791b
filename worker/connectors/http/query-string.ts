/** The query part of a connector's request URL. */

/**
 * `?a=1&b=2`, or "" when nothing is left; undefined values are left out. Every value is percent-encoded: timestamps
 * carry "+01:00" and e-mails may hold "+", and an unencoded "+" arrives as a space (PowerOffice answers 400).
 * URLSearchParams would write spaces as "+", which is why it is not used.
 */
export function queryString(query: Record<string, string | number | boolean | undefined> | undefined): string {
  if (!query) return "";
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
