import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options";

type Context = { params: Promise<{ nextauth: string[] }> };

const POST = (req: Request, ctx: Context) => NextAuth(authOptions())(req, ctx);

/**
 * next-auth answers a GET to a credentials provider's callback with a 500 ("not supported"), and
 * one to an unknown provider's with a 400: a credentials callback is a form POST, and only OAuth and
 * e-mail providers ever come back by GET. So a GET callback reaches next-auth only for those.
 */
async function GET(req: Request, ctx: Context) {
  const options = authOptions();
  const [action, providerId] = (await ctx.params).nextauth;
  if (action === "callback") {
    // As next-auth resolves it: `Credentials({ id })` keeps the id in `options`, "credentials" on top.
    const provider = options.providers.find((p) => (p.options?.id ?? p.id) === providerId);
    if (!provider) return new Response("Not found", { status: 404 });
    if (provider.type === "credentials") {
      return new Response("Method not allowed", { status: 405, headers: { allow: "POST" } });
    }
  }
  return NextAuth(options)(req, ctx);
}

export { GET, POST };
