/**
 * PowerOffice sales orders as one record: the header and its lines. A create sends both (POST /SalesOrders/Complete);
 * an update patches the header and turns the desired lines into line creates, patches and deletes. Confirmed orders
 * are locked in PowerOffice, so an edit of one is wrapped in Draft … Confirmed.
 *
 *   current lines ─┬─ desired with the same Id (or ExternalImportReference) ─▶ PATCH the line
 *                  └─ not desired ─────────────────────────────────────────▶ DELETE the line
 *   desired lines without a current one ───────────────────────────────────▶ POST a line (its own reference)
 */
import type { PowerOfficeClient } from "../connectors/poweroffice/client";
import type { Result } from "../connectors/poweroffice/errors";
import type { Updated } from "../connectors/poweroffice/records";
import type { SalesOrderLineCreate, SalesOrderLineFields } from "../connectors/poweroffice/sales-order-lines";
import type { SalesOrderCreate, SalesOrderFields } from "../connectors/poweroffice/sales-orders";
import type { SalesOrder, SalesOrderComplete, SalesOrderLine } from "../connectors/poweroffice/schemas";

type Orders = Pick<PowerOfficeClient, "salesOrders" | "salesOrderLines">;
type Fields = Record<string, unknown>;
export type DesiredLine = SalesOrderLineFields & { Id?: string | null; ExternalImportReference?: string | null };

export interface OrderWrite {
  /** The order as PowerOffice has it afterwards. */
  order: SalesOrderComplete;
  /** False when nothing differed, so nothing was sent. */
  sent: boolean;
}

export async function createOrder(client: Orders, payload: Fields, reference: string): Promise<Result<OrderWrite>> {
  const lines = desiredLines(payload);
  const input = {
    ...headerOf(payload),
    ExternalImportReference: reference,
    SalesOrderLines: (lines ?? []).map((line, i) => lineCreate(line, i)),
  } as SalesOrderCreate;
  const created = await client.salesOrders.create(input);
  if (!created.ok) return created;
  if (created.value.outcome === "created") return { ok: true, value: { order: created.value.record, sent: true } };
  // An earlier attempt made it; it may hold what that attempt sent, so bring it to what is wanted now.
  const updated = await updateOrder(client, created.value.record, payload);
  if (!updated.ok) return updated;
  return { ok: true, value: { order: updated.value.order, sent: true } };
}

export async function updateOrder(
  client: Orders,
  current: SalesOrderComplete,
  payload: Fields,
): Promise<Result<OrderWrite>> {
  const id = current.Id;
  const header = headerOf(payload) as SalesOrderFields;
  const { SalesOrderStatus: wantedStatus, ...headerFields } = header;
  const lineOps = planLines(current.SalesOrderLines ?? [], desiredLines(payload));
  const headerChanges = Object.entries(headerFields).some(
    ([field, value]) => value !== undefined && !sameValue((current as Fields)[field], value),
  );
  const finalStatus = wantedStatus ?? current.SalesOrderStatus ?? "Draft";
  const edits = headerChanges || lineOps.length > 0;
  if (!edits && finalStatus === (current.SalesOrderStatus ?? "Draft")) {
    return { ok: true, value: { order: current, sent: false } };
  }
  let status = current.SalesOrderStatus ?? "Draft";
  // The header as PowerOffice answered the last PATCH (PATCH answers the SalesOrderDto, without lines).
  let answer: SalesOrder | null = null;
  const answered = (result: Updated<SalesOrder>) => {
    if (result.sent && result.record) answer = result.record;
  };
  if (edits && status === "Confirmed") {
    const unlocked = await client.salesOrders.update(id, current, { SalesOrderStatus: "Draft" });
    if (!unlocked.ok) return unlocked;
    answered(unlocked.value);
    status = "Draft";
  }
  if (headerChanges) {
    const patched = await client.salesOrders.update(id, { ...current, SalesOrderStatus: status }, headerFields);
    if (!patched.ok) return patched;
    answered(patched.value);
  }
  for (const op of lineOps) {
    const done = await applyLineOp(client, id, op);
    if (!done.ok) return done;
  }
  if (status !== finalStatus) {
    const locked = await client.salesOrders.update(id, { SalesOrderStatus: status }, { SalesOrderStatus: finalStatus });
    if (!locked.ok) return locked;
    answered(locked.value);
  }
  // Only the header was written: the last PATCH's answer is the order as it is now, with the lines as read. Read the
  // whole order back only when lines changed (their ids and PowerOffice's own values are in no answer).
  const last = answer as SalesOrder | null;
  if (lineOps.length === 0 && last !== null) {
    return { ok: true, value: { order: { ...last, SalesOrderLines: current.SalesOrderLines }, sent: true } };
  }
  const fresh = await client.salesOrders.get(id);
  if (!fresh.ok) return fresh;
  return { ok: true, value: { order: fresh.value, sent: true } };
}

type LineOp =
  | { op: "delete"; line: SalesOrderLine }
  | { op: "patch"; line: SalesOrderLine; desired: DesiredLine }
  | { op: "create"; desired: DesiredLine; index: number };

/** Deletes first, then patches, then creates: a freed ExternalImportReference can be taken again. */
export function planLines(current: SalesOrderLine[], desired: DesiredLine[] | undefined): LineOp[] {
  if (desired === undefined) return [];
  const used = new Set<string>();
  const patches: LineOp[] = [];
  const creates: LineOp[] = [];
  desired.forEach((want, index) => {
    const line = current.find(
      (l) =>
        !used.has(l.Id) &&
        ((want.Id && l.Id === want.Id.toLowerCase()) ||
          (!want.Id && want.ExternalImportReference && l.ExternalImportReference === want.ExternalImportReference)),
    );
    if (!line) {
      creates.push({ op: "create", desired: want, index });
      return;
    }
    used.add(line.Id);
    if (lineDiffers(line, want)) patches.push({ op: "patch", line, desired: want });
  });
  const deletes: LineOp[] = current.filter((l) => !used.has(l.Id)).map((line) => ({ op: "delete", line }));
  return [...deletes, ...patches, ...creates];
}

async function applyLineOp(client: Orders, orderId: string, op: LineOp): Promise<Result<unknown>> {
  const lines = client.salesOrderLines;
  if (op.op === "delete") return lines.delete(orderId, op.line.Id);
  if (op.op === "patch") return lines.update(orderId, op.line.Id, op.line, lineFields(op.desired));
  return lines.create(orderId, lineCreate(op.desired, op.index));
}

function lineDiffers(line: SalesOrderLine, want: DesiredLine): boolean {
  return Object.entries(lineFields(want)).some(
    ([field, value]) => value !== undefined && !sameValue((line as Fields)[field], value),
  );
}

function lineFields(line: DesiredLine): SalesOrderLineFields {
  const { Id: _id, ExternalImportReference: _ref, ...fields } = line;
  return fields;
}

/**
 * Each new line needs its own reference, unique within the order, so a lost answer cannot make it twice. The core
 * sends one per line (derived from the shop's line id); a line without one gets one from its place and content.
 */
function lineCreate(line: DesiredLine, index: number): SalesOrderLineCreate {
  const reference =
    line.ExternalImportReference?.trim() || `sync-${index + 1}-${hash(JSON.stringify(lineFields(line)))}`;
  return { ...lineFields(line), ExternalImportReference: reference };
}

function headerOf(payload: Fields): Fields {
  const { SalesOrderLines: _lines, ExternalImportReference: _ref, Id: _id, ...header } = payload;
  return header;
}

function desiredLines(payload: Fields): DesiredLine[] | undefined {
  const lines = payload.SalesOrderLines;
  return Array.isArray(lines) ? (lines as DesiredLine[]) : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if ((a ?? null) === null && (b ?? null) === null) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** FNV-1a, 32 bits, base 36: short and stable, not a security measure. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
