/** A same-site path to go to after sign-in; anything that could leave the site becomes "/". */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  // Browsers treat "\" like "/", so "/\evil.com" is as off-site as "//evil.com".
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  // Browsers strip tabs and newlines from URLs, so "/\t/evil.com" would become "//evil.com".
  if (/\p{Cc}/u.test(value)) return "/";
  try {
    const url = new URL(value, "http://portal.invalid");
    if (url.origin !== "http://portal.invalid") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
