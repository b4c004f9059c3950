import { afterAll, describe, expect, it } from "vitest";
import { serverStatusEvents } from "@/db/schema";
import { loadActor } from "@/lib/auth/load-actor";
import { createUserSession, revokeAllUserSessions } from "@/lib/auth/sessions";
import { createDbListener } from "@/lib/live/db-listener";
import { createServerStatusFeed } from "@/lib/live/server-status-feed";
import { streamServerStatus } from "@/lib/live/stream-server-status";
import { removeMember } from "@/lib/orgs/remove-member";
import { registerServer } from "@/lib/servers/register-server";
import { db, testDatabase } from "@/tests/setup/db";
import { makeOrgWithPeople } from "@/tests/setup/factories";

// This process's listener and status feed, as the portal builds them (lib/server/portal.ts).
const listener = createDbListener(testDatabase);
const feed = createServerStatusFeed(listener);
afterAll(async () => {
  feed.close();
  await listener.close();
});

/** The member as a browser would be: a live session, the actor loaded from it. */
async function signedIn(userId: string, orgId: string) {
  const { token } = await createUserSession(db, { userId, ip: "10.9.0.1", userAgent: "test" });
  return (await loadActor(db, { sessionToken: token, preferredOrgId: orgId, ip: "10.9.0.1" }))!;
}

/** Reads the stream's text until `done` or `ms` pass; reports whether it ended. */
function reader(stream: ReadableStream<Uint8Array>) {
  const r = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const { done, value } = await r.read();
      if (done) break;
      text += decoder.decode(value);
    }
    ended = true;
  })();
  return {
    text: () => text,
    ended: () => ended,
    until: async (check: () => boolean, ms = 5000) => {
      const end = Date.now() + ms;
      while (!check() && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
      return check();
    },
    pump,
  };
}

const statusEvent = (serverId: string, toStatus: "online" | "late" | "offline") =>
  db
    .insert(serverStatusEvents)
    .values({ serverId, fromStatus: "online", toStatus, at: new Date(), reason: "test" });

describe("the live-status stream", () => {
  it("a member removed while watching gets no further event and the stream ends", async () => {
    const people = await makeOrgWithPeople();
    const { id } = await registerServer(db, people.owner.actor, { name: "Watched" });
    const actor = await signedIn(people.member.id, people.org.id);
    const s = reader(await streamServerStatus(db, actor, { feed, signal: new AbortController().signal }));
    await statusEvent(id, "online");
    expect(await s.until(() => s.text().includes('"status":"online"'))).toBe(true);

    await removeMember(db, people.owner.actor, { userId: people.member.id });
    await statusEvent(id, "offline");
    expect(await s.until(() => s.ended())).toBe(true);
    expect(s.text()).not.toContain('"status":"offline"');
  });

  it("a stream whose session was ended closes by itself, even with nothing to send", async () => {
    const people = await makeOrgWithPeople();
    const actor = await signedIn(people.admin.id, people.org.id);
    const s = reader(
      await streamServerStatus(db, actor, { feed, signal: new AbortController().signal, recheckMs: 200 }),
    );
    await new Promise((res) => setTimeout(res, 500));
    expect(s.ended()).toBe(false);
    await revokeAllUserSessions(db, people.admin.id);
    expect(await s.until(() => s.ended(), 3000)).toBe(true);
  });

  it("the process closing its feed (shutdown) ends every open stream", async () => {
    const people = await makeOrgWithPeople();
    const streams = await Promise.all(
      [people.owner.id, people.admin.id].map(async (userId) =>
        reader(
          await streamServerStatus(db, await signedIn(userId, people.org.id), {
            feed,
            signal: new AbortController().signal,
          }),
        ),
      ),
    );
    feed.close();
    for (const s of streams) expect(await s.until(() => s.ended(), 2000)).toBe(true);
  });
});
