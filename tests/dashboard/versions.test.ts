import { describe, expect, it } from "vitest";
import { compareVersions, olderThanNewest, versionParts } from "@/lib/dashboard/versions";

const cmp = (a: string, b: string) => Math.sign(compareVersions(versionParts(a)!, versionParts(b)!));

describe("UCServer versions", () => {
  it("compares dotted parts as numbers: 6.10 is newer than 6.9", () => {
    expect(cmp("6.10", "6.9")).toBe(1);
    expect(cmp("6.9", "6.10")).toBe(-1);
    expect(cmp("6.4.0.1234", "6.4.0.999")).toBe(1);
    expect(cmp("7.0", "6.99.99")).toBe(1);
  });

  it("treats missing parts as zero and ignores what follows the numbers", () => {
    expect(cmp("6.4", "6.4.0.0")).toBe(0);
    expect(versionParts("6.4.0.1234 beta")).toEqual([6, 4, 0, 1234]);
    expect(versionParts("v8.1")).toEqual([8, 1]);
    expect(versionParts("unknown")).toBeNull();
  });

  it("finds the newest and lists the older ones oldest first, leaving out what is not a version", () => {
    expect(olderThanNewest(["6.9.1", "6.10.0", "6.4.0.1234", "dev", "6.10"])).toEqual({
      newest: "6.10.0",
      older: ["6.4.0.1234", "6.9.1"],
    });
    expect(olderThanNewest(["6.4", "6.4.0"]).older).toEqual([]);
    expect(olderThanNewest([])).toEqual({ newest: null, older: [] });
  });
});
