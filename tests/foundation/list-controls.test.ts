import { describe, expect, it } from "vitest";
import { listHref } from "@/components/list-controls";

describe("list links", () => {
  it("keep the current query, apply the change, and leave out defaults and empty values", () => {
    const current = { view: "ending", sales: undefined, q: "nord licht", sort: "ends", page: 2 };
    const defaults = { view: "open", sort: "ends", page: 1 };
    expect(listHref("/sales/trials", current, { page: 3 }, defaults)).toBe(
      "/sales/trials?view=ending&q=nord+licht&page=3",
    );
    expect(listHref("/sales/trials", current, { view: "open", q: "", page: 1 }, defaults)).toBe(
      "/sales/trials",
    );
    expect(listHref("/servers", { sort: "status" }, { sales: "me" }, { sort: "name" })).toBe(
      "/servers?sort=status&sales=me",
    );
  });

  it("keep every value when a list names no defaults, as the invitations history does", () => {
    const current = { status: "failed", serverId: undefined, q: "anna", page: 2 };
    expect(listHref("/invitations", current, { page: 1 }, {})).toBe(
      "/invitations?status=failed&q=anna&page=1",
    );
    expect(listHref("/invitations", current, { status: undefined, page: undefined }, {})).toBe(
      "/invitations?q=anna",
    );
    expect(listHref("/invitations", {}, {}, {})).toBe("/invitations");
  });
});
