import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setBaseSecurityHeaders, setContentSecurityPolicy } from "@/lib/server/security-headers";

// A node:http server that applies the headers as the portal's server does and echoes what Next
// would see of the request's own CSP header.
let url: string;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const trustProxy = req.url?.startsWith("/proxied") ?? false;
  setBaseSecurityHeaders(req, res, trustProxy);
  setContentSecurityPolicy(req, res, false);
  res.end(String(req.headers["content-security-policy"]));
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe("security headers", () => {
  it("a page gets a CSP with a fresh nonce and no unsafe-inline for scripts; Next sees the same policy", async () => {
    const a = await fetch(`${url}/page`, { headers: { "content-security-policy": "script-src *" } });
    const b = await fetch(`${url}/page`);
    const policy = a.headers.get("content-security-policy")!;
    const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    // The client's own CSP header is replaced, never passed to Next.
    expect(await a.text()).toBe(policy);
    expect(b.headers.get("content-security-policy")).not.toBe(policy);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("HSTS only when a trusted proxy says the request came over HTTPS", async () => {
    const hsts = async (path: string, proto?: string) =>
      (await fetch(`${url}${path}`, { headers: proto ? { "x-forwarded-proto": proto } : {} })).headers.get(
        "strict-transport-security",
      );
    expect(await hsts("/proxied", "https")).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(await hsts("/proxied", "http")).toBeNull();
    // The proxy appends its own value last: a client's "https" before a proxy's "http" is not believed.
    expect(await hsts("/proxied", "https, http")).toBeNull();
    expect(await hsts("/direct", "https")).toBeNull();
    expect(await hsts("/proxied")).toBeNull();
  });
});
