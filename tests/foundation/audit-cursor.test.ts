import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/lib/audit/list-audit-events";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { db } from "@/tests/setup/db";
import { makeOrgWithPeople } from "../setup/factories";

// Any query at all fails the test: a refused cursor must be refused before SQL sees it.
const noDatabase = new Proxy({} as Db, {
  get() {
    throw new Error("the database was touched");
  },
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? `${e.code}:${e.fields[0]?.field}` : String(e)),
  );

describe("the audit log's cursor", () => {
  it("refuses crafted cursors as bad input before any SQL", async () => {
    const { owner } = await makeOrgWithPeople();
    const id = randomUUID();
    for (const before of [
      `-200000-01-01T00:00:00.000Z_${id}`,
      `0000-01-01T00:00:00.000Z_${id}`,
      `1999-12-31T23:59:59.999Z_${id}`,
      `+010000-01-01T00:00:00.000Z_${id}`,
      `2026-02-30T00:00:00.000Z_${id}`,
      `2026-01-01T00:00:00.000Z_not-a-uuid`,
      `2026-01-01T00:00:00.000Z`,
      `2026-01-01T00:00:00.000Z_${id}_${id}`,
      "garbage",
      [`2026-01-01T00:00:00.000Z_${id}`, `2026-01-01T00:00:00.000Z_${id}`],
    ]) {
      expect(await refusal(listAuditEvents(noDatabase, owner.actor, { before })), String(before)).toBe(
        "validation:before",
      );
    }
  });

  it("a valid cursor pages on, even through events written in one transaction", async () => {
    const { org, owner } = await makeOrgWithPeople();
    // One transaction gives every row the same now(), to the microsecond: a cursor that keeps only
    // milliseconds would skip the rest of that group.
    const total = AUDIT_PAGE_SIZE + 5;
    await db.transaction(async (tx) => {
      for (let i = 0; i < total; i++) {
        await recordAudit(
          tx,
          { userId: owner.id, label: owner.email, ip: null },
          { organisationId: org.id, action: `test.${i}`, targetType: "test" },
        );
      }
    });
    const first = await listAuditEvents(db, owner.actor);
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(first.nextBefore).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z_[0-9a-f-]{36}$/);
    const second = await listAuditEvents(db, owner.actor, { before: first.nextBefore });
    expect(second.hasMore).toBe(false);
    expect(second.nextBefore).toBeUndefined();
    const seen = [...first.events, ...second.events].map((e) => e.id);
    expect(new Set(seen).size).toBe(total);

    // A cursor with milliseconds only (from a link made before microseconds) is still a point in time.
    const older = await listAuditEvents(db, owner.actor, {
      before: `2099-01-01T00:00:00.000Z_${randomUUID()}`,
    });
    expect(older.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(
      await listAuditEvents(db, owner.actor, { before: `2001-01-01T00:00:00Z_${randomUUID()}` }),
    ).toEqual({
      events: [],
      hasMore: false,
      nextBefore: undefined,
    });
  });
});
