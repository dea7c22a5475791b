/** The newest migration this code expects; /health compares it with what D1 has applied. A test keeps it current. */
export const LATEST_MIGRATION = "0017_link_claims.sql";
