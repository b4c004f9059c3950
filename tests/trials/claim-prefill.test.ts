import { describe, expect, it } from "vitest";
import { claimPrefill } from "@/app/(portal)/servers/claim/prefill";
import { renderClaimForm } from "./render-claim-form";

/** The value attribute of the input named `name`, as the browser would read it. */
function inputValue(html: string, name: string): string | null {
  const input = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0];
  const value = input?.match(/value="([^"]*)"/)?.[1];
  if (value === undefined) return null;
  const entities: Record<string, string> = {
    "&quot;": '"',
    "&lt;": "<",
    "&gt;": ">",
    "&#x27;": "'",
    "&amp;": "&",
  };
  return value.replace(/&(quot|lt|gt|#x27|amp);/g, (e) => entities[e]!);
}

describe("the claim form filled in from the link", () => {
  it("takes a Server-ID in any spelling, in its canonical form", () => {
    expect(claimPrefill("7K3M-Q9TX-2HBD")).toBe("7K3M-Q9TX-2HBD");
    expect(claimPrefill("7k3m q9tx 2hbd")).toBe("7K3M-Q9TX-2HBD");
    expect(claimPrefill(["7K3MQ9TX2HBD", "AAAA-AAAA-AAAA"])).toBe("7K3M-Q9TX-2HBD");
    expect(claimPrefill(undefined)).toBeUndefined();
    expect(claimPrefill("")).toBeUndefined();
    expect(claimPrefill('"><script>alert(1)</script>')).toBeUndefined();
    expect(claimPrefill(`7K3M-Q9TX-2HBD${" ".repeat(100)}`)).toBeUndefined();
  });

  it("shows it as the field's value, and nothing else from the link", () => {
    const html = renderClaimForm(claimPrefill("7k3m-q9tx-2hbd"));
    expect(inputValue(html, "serverId")).toBe("7K3M-Q9TX-2HBD");
    // The password is never prefilled.
    expect(inputValue(html, "password")).toBeNull();
    expect(inputValue(renderClaimForm(claimPrefill("<b>x</b>")), "serverId")).toBeNull();
  });

  it("a value that would be markup stays a plain value of the input", () => {
    const hostile = '"><script>alert(1)</script><input name="password" value="x';
    const html = renderClaimForm(hostile);
    expect(html).not.toContain("<script>alert");
    expect(inputValue(html, "serverId")).toBe(hostile);
    expect(html.match(/<input/g)).toHaveLength(2);
  });
});
