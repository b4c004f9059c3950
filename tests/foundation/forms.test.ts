import { describe, expect, it } from "vitest";
import { resetPassword } from "@/lib/auth/reset-password";
import { AppError } from "@/lib/errors";
import { registerServer } from "@/lib/servers/register-server";
import { rotateServerPassword } from "@/lib/servers/rotate-server-password";
import { runForm } from "@/lib/web/forms";
import { db } from "@/tests/setup/db";
import { makeOrgWithPeople } from "@/tests/setup/factories";

function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

describe("runForm", () => {
  it("hands the form to the use case unparsed; its refusal names the form's fields and echoes all but passwords", async () => {
    const { admin } = await makeOrgWithPeople();
    const state = await runForm(formData({ name: "  ", $ACTION_ID_x: "" }), async (values) => ({
      credentials: await registerServer(db, admin.actor, values),
    }));
    expect(state).toMatchObject({ ok: false, fieldErrors: { name: "required" } });
    expect(state.values).toEqual({ name: "  " });
    expect(state.message).toBeUndefined();
    expect(state.credentials).toBeUndefined();

    const reset = await runForm(
      formData({ token: "t", password: "short", confirm: "short" }),
      async (values) => {
        await resetPassword(db, { input: values, ip: null });
        return "password-reset";
      },
    );
    expect(reset).toMatchObject({
      ok: false,
      fieldErrors: { password: "too-short" },
      values: { token: "t" },
    });
    expect(Object.keys(reset.values ?? {})).toEqual(["token"]);
  });

  it("returns what the callback hands back: a message code, data shown once, or nothing", async () => {
    const { admin } = await makeOrgWithPeople();
    const made = await runForm(formData({ name: "Zentrale" }), async (values) => ({
      credentials: await registerServer(db, admin.actor, values),
    }));
    expect(made).toMatchObject({ ok: true, credentials: { serverId: expect.any(String) } });
    expect(made.message).toBeUndefined();
    expect(made.values).toBeUndefined();

    expect(await runForm(formData({}), async () => "saved")).toMatchObject({ ok: true, message: "saved" });
    expect(await runForm(formData({}), async () => {})).toEqual({ ok: true, at: expect.any(Number) });
    // Nothing sent is no error, and no success either.
    expect(await runForm({ serverId: "x" }, async () => ({ ok: false, queued: 0 }))).toMatchObject({
      ok: false,
      queued: 0,
    });
  });

  it("turns refusals without fields into a message code, and anything else into `unexpected`", async () => {
    const { admin } = await makeOrgWithPeople();
    const rotated = await runForm(formData({ server: "" }), async (values) => ({
      credentials: await rotateServerPassword(db, admin.actor, values),
    }));
    expect(rotated).toMatchObject({ ok: false, message: "not-found", fieldErrors: {} });

    const limited = await runForm({ email: "a@b.example" }, async () => {
      throw new AppError("rate-limited", "Too many", { retryAfterSeconds: 90 });
    });
    expect(limited).toMatchObject({
      ok: false,
      message: "rate-limited",
      retryAfterSeconds: 90,
      values: { email: "a@b.example" },
    });

    const broken = await runForm(formData({ name: "x" }), async () => {
      throw new Error("connection reset");
    });
    expect(broken).toMatchObject({ ok: false, message: "unexpected", values: { name: "x" } });
  });
});
