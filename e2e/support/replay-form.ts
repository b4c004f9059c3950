import type { Page } from "@playwright/test";

/**
 * Copies a server-action form of `from` into the page `to` and submits it there, with some fields
 * changed: exactly what a hand-crafted request by the person signed in on `to` would send. Resolves
 * to the response of that POST.
 */
export async function replayForm(
  from: Page,
  to: Page,
  formSelector: string,
  overrides: Record<string, string>,
) {
  const html = await from
    .locator(formSelector)
    .first()
    .evaluate((f) => f.outerHTML);
  const path = new URL(from.url()).pathname;
  const response = to.waitForResponse((r) => r.request().method() === "POST");
  await to.evaluate(
    ({ html, overrides, path }) => {
      const holder = document.createElement("div");
      holder.innerHTML = html;
      const form = holder.querySelector("form")!;
      form.method = "post";
      form.enctype = "multipart/form-data";
      form.action = path;
      for (const [name, value] of Object.entries(overrides)) {
        let input = form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
        if (!input) {
          input = document.createElement("input");
          input.name = name;
          form.appendChild(input);
        }
        if (input instanceof HTMLSelectElement) input.add(new Option(value, value, true, true));
        else input.value = value;
      }
      document.body.appendChild(holder);
      form.submit();
    },
    { html, overrides, path },
  );
  return response;
}
