import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { can, ORG_PERMISSIONS, requirePermission, STAFF_PERMISSIONS } from "@/lib/permissions";

const actor = (role: "owner" | "admin" | "member" | null, staff: Actor["staffRoles"] = []): Actor => ({
  userId: "u",
  email: "u@test.example",
  name: "U",
  locale: "de",
  staffRoles: staff,
  sessionId: "s",
  ip: null,
  org: role ? { id: "o", name: "O", role } : null,
  organisations: [],
});

describe("the permissions map", () => {
  it("gives each organisation role exactly what its rank allows", () => {
    const allowed = (role: "owner" | "admin" | "member") =>
      Object.keys(ORG_PERMISSIONS).filter((p) => can(actor(role), p as keyof typeof ORG_PERMISSIONS));
    expect(allowed("member")).toEqual(["servers.view", "licenses.view", "invitations.view", "terms.view"]);
    expect(allowed("admin")).toEqual(
      Object.keys(ORG_PERMISSIONS).filter(
        (p) =>
          !["members.change-role", "members.invite-owner", "audit.view", "organisation.delete"].includes(p),
      ),
    );
    expect(allowed("owner")).toEqual(Object.keys(ORG_PERMISSIONS));
  });

  it("gives staff only their own areas, and organisation roles nothing of staff work", () => {
    const staffAllowed = (roles: Actor["staffRoles"]) =>
      Object.keys(STAFF_PERMISSIONS).filter((p) =>
        can(actor("owner", roles), p as keyof typeof STAFF_PERMISSIONS),
      );
    expect(staffAllowed([])).toEqual([]);
    expect(staffAllowed(["sales"])).toEqual([
      "area.sales",
      "trials.manage",
      "license-keys.issue",
      "licenses.enter",
    ]);
    expect(staffAllowed(["operator"])).toEqual([
      "area.operations",
      "license-keys.issue",
      "licenses.enter",
      "catalogue.manage",
      "terms.publish",
      "app-links.manage",
      "outbox.view",
      "system.view",
    ]);
  });

  it("refuses as the pages expect: no organisation or no staff role is not found, too low a role is forbidden", () => {
    expect(() => requirePermission(actor(null), "servers.view")).toThrow(
      expect.objectContaining({ code: "not-found" }),
    );
    expect(() => requirePermission(actor("member"), "servers.manage")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    expect(requirePermission(actor("admin"), "servers.manage")).toMatchObject({ id: "o", role: "admin" });
    expect(() => requirePermission(actor("owner"), "outbox.view")).toThrow(
      expect.objectContaining({ code: "not-found" }),
    );
    expect(() => requirePermission(actor(null, ["operator"]), "outbox.view")).not.toThrow();
  });
});
