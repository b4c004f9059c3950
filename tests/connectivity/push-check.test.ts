import { describe, expect, it } from "vitest";
import { pushCheck } from "@/lib/connectivity/push-check";

describe("the push check, from the heartbeats", () => {
  it("is green while the server is online, amber when late, red when offline or never connected", () => {
    expect(pushCheck({ status: "online" })).toMatchObject({
      check: "push",
      state: "green",
      reason: "push-online",
    });
    expect(pushCheck({ status: "late" })).toMatchObject({ state: "amber", reason: "push-late" });
    expect(pushCheck({ status: "offline" })).toMatchObject({ state: "red", reason: "push-offline" });
    expect(pushCheck({ status: "never-connected" })).toMatchObject({ state: "red", reason: "push-never" });
  });
});
