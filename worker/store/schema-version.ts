/** The newest migration this code expects; /health compares it with what D1 has applied. A test keeps it current. */
export const LATEST_MIGRATION = "0016_open_orders.sql";
