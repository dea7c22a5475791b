// @ts-check
/**
 * A storage adapter for a shop whose customers already live in its own `customers` table (schema.sql): customers
 * are read and written there, and everything else (products, orders, idempotency answers, the outbox and the change
 * clock) stays in the kit's tables through the shipped PostgreSQL adapter. A customer's write takes the same lock
 * and the same clock as the kit's own writes and appends its event to the same outbox, so the feed and the webhooks
 * see one shop.
 */
import { postgresAdapter } from "@poweroffice-sync/webshop-kit/postgres";

/**
 * @typedef {import("@poweroffice-sync/webshop-kit").WebshopAdapter} WebshopAdapter
 * @typedef {import("@poweroffice-sync/webshop-kit").StoredRecord} StoredRecord
 * @typedef {import("@poweroffice-sync/webshop-kit").RecordWrite} RecordWrite
 * @typedef {import("@poweroffice-sync/webshop-kit").WriteResult} WriteResult
 * @typedef {import("@poweroffice-sync/webshop-kit").FeedPosition} FeedPosition
 * @typedef {import("@poweroffice-sync/webshop-kit").Lookup} Lookup
 * @typedef {import("@poweroffice-sync/webshop-kit").OutboxEvent} OutboxEvent
 * @typedef {import("pg").Pool} Pool
 * @typedef {Pool | import("pg").PoolClient} Db
 */

/** The advisory lock every kit write takes (webshop-kit/migrations/README.md): ours take it too. */
const KIT_WRITE_LOCK = "7275826349115112017";

/** What a row written before the kit has for the fields it never had. */
const DEFAULTS = {
  kind: "person",
  name: null,
  invoice_email: null,
  department_code: null,
  customer_number: null,
  website: null,
  billing_address: null,
  active: true,
};

const MS = (/** @type {string} */ column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SELECT = `SELECT cust_no, mail, company, first_name, last_name, phone, org_no, version, external_ids, kit_fields,
  ${MS("created_at")} AS created_at, ${MS("updated")} AS updated_at FROM customers`;
/** A millisecond count from the kit's clock as a timestamptz, exactly (no floating point). */
const AT = (/** @type {string} */ param) => `('epoch'::timestamptz + ${param}::bigint * interval '1 millisecond')`;

/** @param {Pool} pool @returns {WebshopAdapter} */
export function shopAdapter(pool) {
  const kitTables = postgresAdapter(pool);
  return {
    ...kitTables,
    get: (resource, id) => (resource === "customers" ? getCustomer(pool, id) : kitTables.get(resource, id)),
    feed: (resource, after, limit, lookup) =>
      resource === "customers"
        ? customerFeed(pool, after, limit, lookup)
        : kitTables.feed(resource, after, limit, lookup),
    write: (write) => (write.resource === "customers" ? writeCustomer(pool, write) : kitTables.write(write)),
    // A new customer's id is the table's next cust_no; other records get the kit's kind of random id.
    newId: async (kind) => {
      if (kind !== "customers")
        return `${{ products: "prd", orders: "ord", lines: "lin" }[kind]}_${crypto.randomUUID().replaceAll("-", "")}`;
      const { rows } = await pool.query("SELECT nextval(pg_get_serial_sequence('customers', 'cust_no')) AS n");
      return `cus_${rows[0].n}`;
    },
  };
}

/** @param {string} id */
function custNoOf(id) {
  return /^cus_([1-9]\d{0,9})$/.exec(id)?.[1] ?? null;
}

/** @param {any} row @returns {StoredRecord} */
function toRecord(row) {
  const fields = { ...DEFAULTS, ...row.kit_fields };
  return {
    ...fields,
    id: `cus_${row.cust_no}`,
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
    external_ids: row.external_ids,
    name: row.company ?? fields.name ?? `${row.first_name} ${row.last_name}`,
    email: row.mail,
    first_name: row.first_name,
    last_name: row.last_name,
    phone: row.phone,
    organization_number: row.org_no,
  };
}

/** @param {Db} db @param {string} id */
async function getCustomer(db, id) {
  const custNo = custNoOf(id);
  if (!custNo) return null;
  const { rows } = await db.query(`${SELECT} WHERE cust_no = $1`, [custNo]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** @param {Pool} pool @param {FeedPosition | null} after @param {number} limit @param {Lookup} [lookup] */
async function customerFeed(pool, after, limit, lookup) {
  const where = [];
  /** @type {unknown[]} */
  const args = [];
  const arg = (/** @type {unknown} */ value) => `$${args.push(value)}`;
  if (after?.id === null) where.push(`updated > ${arg(after.updatedAt)}::timestamptz`);
  else if (after) {
    const custNo = custNoOf(after.id) ?? "0";
    where.push(`(updated, cust_no) > (${arg(after.updatedAt)}::timestamptz, ${arg(custNo)}::int)`);
  }
  if (lookup?.kind === "external_id")
    where.push(`external_ids @> ${arg(JSON.stringify({ [lookup.key]: lookup.value }))}::jsonb`);
  else if (lookup) where.push(`${lookup.field}_key = ${arg(lookup.value)}`); // email, organization_number, department_code
  const { rows } = await pool.query(
    `${SELECT} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY updated, cust_no LIMIT ${arg(limit)}`,
    args,
  );
  return rows.map(toRecord);
}

/**
 * The compare-and-set, the clock and the event in one transaction under the kit's lock: writes run one at a time, so
 * the version check sees every committed write and a later commit always gets a later updated_at.
 * @param {Pool} pool @param {RecordWrite} write @returns {Promise<WriteResult>}
 */
async function writeCustomer(pool, write) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [KIT_WRITE_LOCK]);
    const current = await getCustomer(client, write.id);
    const custNo = custNoOf(write.id);
    if (!custNo) throw new Error(`${write.id} is not a customer id of this shop (cus_<cust_no>)`);
    if (write.expectedVersion === null ? current !== null : current?.version !== write.expectedVersion) {
      await client.query("ROLLBACK");
      return { ok: false, reason: "version", current };
    }
    const { rows: clock } = await client.query(
      "UPDATE webshop_kit_clock SET last_ms = GREATEST($1::bigint, last_ms + 1) WHERE id = 1 RETURNING last_ms",
      [Math.floor(write.now)],
    );
    const at = Number(clock[0].last_ms);
    let record;
    if (write.kind === "deleted" && current) {
      await client.query("DELETE FROM customers WHERE cust_no = $1", [custNo]);
      // As the kit's own adapter does: a delete answers the record as it was, at its new version and time.
      record = { ...current, version: current.version + 1, updated_at: new Date(at).toISOString() };
    } else {
      const { external_ids, email, first_name, last_name, phone, organization_number, ...rest } = write.content;
      const company = rest.kind === "person" ? null : rest.name;
      const kitFields = rest.kind === "person" ? rest : { ...rest, name: null };
      const values = [
        custNo,
        email,
        company,
        first_name,
        last_name,
        phone,
        organization_number,
        JSON.stringify(external_ids),
        JSON.stringify(kitFields),
        write.keys.email ?? null,
        write.keys.organization_number ?? null,
        write.keys.department_code ?? null,
        at,
      ];
      const sql =
        write.kind === "created"
          ? `INSERT INTO customers (cust_no, mail, company, first_name, last_name, phone, org_no, external_ids, kit_fields,
               email_key, organization_number_key, department_code_key, updated, created_at, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ${AT("$13")}, ${AT("$13")}, 1)`
          : `UPDATE customers SET mail = $2, company = $3, first_name = $4, last_name = $5, phone = $6, org_no = $7,
               external_ids = $8, kit_fields = $9, email_key = $10, organization_number_key = $11,
               department_code_key = $12, updated = ${AT("$13")}, version = version + 1
             WHERE cust_no = $1`;
      await client.query(sql, values);
      record = await getCustomer(client, write.id);
    }
    if (!record) throw new Error(`customer ${write.id} vanished inside its own write`);
    const { rows: events } = await client.query(
      `INSERT INTO webshop_kit_outbox (event_id, resource, kind, record_id, version, at_ms, attempts, next_attempt_at, state)
       VALUES ($1, 'customers', $2, $3, $4, $5, 0, $6, 'pending') RETURNING *`,
      [
        `msg_${crypto.randomUUID().replaceAll("-", "")}`,
        write.kind,
        write.id,
        record.version,
        at,
        Math.floor(write.now),
      ],
    );
    await client.query("COMMIT");
    return { ok: true, record, event: toEvent(events[0]) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** @param {any} row @returns {OutboxEvent} */
function toEvent(row) {
  return {
    seq: Number(row.seq),
    eventId: row.event_id,
    resource: row.resource,
    kind: row.kind,
    recordId: row.record_id,
    version: row.version,
    at: new Date(Number(row.at_ms)).toISOString(),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at === null ? null : Number(row.next_attempt_at),
    state: row.state,
    lastError: row.last_error,
  };
}
