import { describe, expect, it } from "vitest";
import { fieldCode } from "@/lib/connectivity/fields";
import { connectivityInputsSchema, defaultInputs, parseConnectivityInputs } from "@/lib/connectivity/inputs";
import { SCENARIOS } from "@/lib/connectivity/types";
import de from "@/lib/i18n/messages/de/connectivity-files.json";
import en from "@/lib/i18n/messages/en/connectivity-files.json";
import { forms } from "./files-fixtures";

function errors(raw: Record<string, unknown>): Record<string, string> {
  const r = parseConnectivityInputs(raw);
  return r.ok ? {} : r.fieldErrors;
}

describe("connectivity inputs", () => {
  it("parses a complete form per scenario, with the guide's defaults", () => {
    expect(parseConnectivityInputs(forms.lan)).toEqual({
      ok: true,
      inputs: {
        scenario: "lan",
        internalAddress: "192.168.1.20",
        internalHttpPort: 7224,
        internalHttpsPort: 7225,
      },
    });
    expect(parseConnectivityInputs(forms.forwarding)).toEqual({
      ok: true,
      inputs: {
        scenario: "forwarding",
        publish: "forwarding",
        publicHost: "ucserver.example.com",
        srvDomain: "example.com",
        publicAddress: "198.51.100.7",
        publicPort: 7225,
        internalAddress: "192.168.1.20",
        internalHttpPort: 7224,
        internalHttpsPort: 7225,
      },
    });
    expect(parseConnectivityInputs(forms["own-turn"])).toEqual({
      ok: true,
      inputs: {
        scenario: "own-turn",
        publish: "proxy",
        proxyKind: "nginx",
        publicHost: "ucserver.example.com",
        srvDomain: "example.com",
        publicAddress: "198.51.100.7",
        publicPort: 443,
        internalAddress: "192.168.1.20",
        internalHttpPort: 7224,
        internalHttpsPort: 7225,
        turnHost: "turn.example.com",
        turnPort: 3478,
        turnExternalIp: "203.0.113.5",
        turnRealm: "example.com",
      },
    });
    for (const s of SCENARIOS) expect(parseConnectivityInputs(forms[s]).ok, s).toBe(true);
  });

  it("takes 443 behind a proxy, in a DMZ and for own-turn published by proxy", () => {
    for (const raw of [forms.proxy, forms.dmz, forms["own-turn"]]) {
      const r = parseConnectivityInputs(raw);
      expect(r.ok && r.inputs.publicPort).toBe(443);
    }
    const ownForwarding = { ...forms["own-turn"], publish: "forwarding" };
    const r = parseConnectivityInputs(ownForwarding);
    expect(r.ok && r.inputs.publicPort).toBe(7225);
    expect(r.ok && "proxyKind" in r.inputs).toBe(false);
  });

  it("drops fields the scenario does not use, even invalid ones", () => {
    const r = parseConnectivityInputs({
      ...forms.lan,
      publicHost: "not a host!",
      turnHost: "x",
      publicPort: "99999",
      publish: "dmz",
      proxyKind: "apache",
      extra: "1",
    });
    expect(r).toEqual({
      ok: true,
      inputs: {
        scenario: "lan",
        internalAddress: "192.168.1.20",
        internalHttpPort: 7224,
        internalHttpsPort: 7225,
      },
    });
    const fwd = parseConnectivityInputs({
      ...forms.forwarding,
      proxyKind: "nginx",
      turnHost: "turn.example.com",
    });
    expect(fwd.ok && Object.keys(fwd.inputs)).not.toContain("proxyKind");
    expect(fwd.ok && Object.keys(fwd.inputs)).not.toContain("turnHost");
    // `publish` follows the scenario for the three publishing scenarios, whatever the form says.
    const proxy = parseConnectivityInputs({ ...forms.proxy, publish: "forwarding" });
    expect(proxy.ok && proxy.inputs.publish).toBe("proxy");
  });

  it("needs no host fields for lan and ucconnect", () => {
    expect(parseConnectivityInputs({ scenario: "lan" })).toEqual({
      ok: true,
      inputs: { scenario: "lan", internalHttpPort: 7224, internalHttpsPort: 7225 },
    });
    expect(parseConnectivityInputs({ scenario: "ucconnect", internalAddress: "" }).ok).toBe(true);
  });

  it("normalises names and addresses", () => {
    const r = parseConnectivityInputs({
      ...forms["own-turn"],
      publicHost: "  UCServer.Example.COM. ",
      turnHost: "Turn.Example.com",
      publicAddress: "2001:DB8:0:0::7",
      internalAddress: "UCSERVER01",
      srvDomain: "Example.com.",
      publicPort: " 8443 ",
    });
    expect(r.ok && r.inputs).toMatchObject({
      publicHost: "ucserver.example.com",
      turnHost: "turn.example.com",
      publicAddress: "2001:db8::7",
      internalAddress: "ucserver01",
      srvDomain: "example.com",
      publicPort: 8443,
    });
    const idn = parseConnectivityInputs({ ...forms.proxy, publicHost: "ucserver.bücher.de" });
    expect(idn.ok && idn.inputs.publicHost).toBe("ucserver.xn--bcher-kva.de");
  });

  it("derives srvDomain and turnRealm, and asks for them when it cannot", () => {
    expect(errors({ ...forms.proxy, publicHost: "example.com" })).toEqual({ srvDomain: "required" });
    const given = parseConnectivityInputs({
      ...forms.proxy,
      publicHost: "example.com",
      srvDomain: "example.com",
    });
    expect(given.ok && given.inputs.srvDomain).toBe("example.com");
    const realm = parseConnectivityInputs({ ...forms["own-turn"], srvDomain: "apps.example.org" });
    expect(realm.ok && realm.inputs.turnRealm).toBe("apps.example.org");
    const own = parseConnectivityInputs({ ...forms["own-turn"], turnRealm: "Realm.Example.net" });
    expect(own.ok && own.inputs.turnRealm).toBe("realm.example.net");
  });

  it("answers a missing or unknown scenario, publish method and proxy kind on their fields", () => {
    expect(errors({})).toEqual({ scenario: "required" });
    expect(errors({ scenario: "" })).toEqual({ scenario: "required" });
    expect(errors({ scenario: "vpn" })).toEqual({ scenario: "invalid-scenario" });
    expect(errors({ ...forms["own-turn"], publish: "" })).toEqual({ publish: "required" });
    expect(errors({ ...forms["own-turn"], publish: "ucconnect" })).toEqual({ publish: "invalid-publish" });
    expect(errors({ ...forms.proxy, proxyKind: "" })).toEqual({ proxyKind: "required" });
    expect(errors({ ...forms.dmz, proxyKind: "apache" })).toEqual({ proxyKind: "invalid-proxy-kind" });
    expect(errors({ ...forms["own-turn"], publish: "dmz", proxyKind: "caddy" })).toEqual({
      proxyKind: "invalid-proxy-kind",
    });
  });

  it.each([
    ["publicHost", "", "required"],
    ["publicHost", "ucserver", "invalid-hostname"],
    ["publicHost", "-ucserver.example.com", "invalid-hostname"],
    ["publicHost", "ucserver-.example.com", "invalid-hostname"],
    ["publicHost", "uc_server.example.com", "invalid-hostname"],
    ["publicHost", "uc server.example.com", "invalid-hostname"],
    ["publicHost", "ucserver..example.com", "invalid-hostname"],
    ["publicHost", `${"a".repeat(64)}.example.com`, "invalid-hostname"],
    ["publicHost", `${"a.".repeat(126)}com`, "invalid-hostname"],
    ["publicHost", "ucserver.example.com;\nlisten 80", "invalid-hostname"],
    ["publicHost", 'ucserver.example.com"', "invalid-hostname"],
    ["publicHost", "10.0.1", "invalid-hostname"],
    ["publicHost", "203.0.113.10", "hostname-is-address"],
    ["publicHost", "[2001:db8::1]", "hostname-is-address"],
    ["srvDomain", "example", "invalid-hostname"],
    ["srvDomain", "198.51.100.1", "hostname-is-address"],
    ["publicPort", "0", "invalid-port"],
    ["publicPort", "65536", "invalid-port"],
    ["publicPort", "44.3", "invalid-port"],
    ["publicPort", "https", "invalid-port"],
    ["publicPort", "-1", "invalid-port"],
    ["publicPort", "80", "port-conflict"],
    ["internalHttpsPort", "70000", "invalid-port"],
    ["internalHttpPort", "x", "invalid-port"],
    ["publicAddress", "300.1.2.3", "invalid-address"],
    ["publicAddress", "127.1", "invalid-address"],
    ["publicAddress", "ucserver.example.com", "invalid-address"],
    ["publicAddress", "fe80::1%eth0", "invalid-address"],
    ["publicAddress", "10.0.0.1", "not-public-address"],
    ["publicAddress", "172.16.5.4", "not-public-address"],
    ["publicAddress", "192.168.1.1", "not-public-address"],
    ["publicAddress", "127.0.0.1", "not-public-address"],
    ["publicAddress", "169.254.169.254", "not-public-address"],
    ["publicAddress", "100.64.0.1", "not-public-address"],
    ["publicAddress", "0.0.0.0", "not-public-address"],
    ["publicAddress", "224.0.0.1", "not-public-address"],
    ["publicAddress", "255.255.255.255", "not-public-address"],
    ["publicAddress", "::1", "not-public-address"],
    ["publicAddress", "::", "not-public-address"],
    ["publicAddress", "fd00::1", "not-public-address"],
    ["publicAddress", "fe80::1", "not-public-address"],
    ["publicAddress", "ff02::1", "not-public-address"],
    ["publicAddress", "::ffff:10.0.0.1", "not-public-address"],
    ["internalAddress", "", "required"],
    ["internalAddress", "0.0.0.0", "invalid-address"],
    ["internalAddress", "224.0.0.1", "invalid-address"],
    ["internalAddress", "10.0.0.300", "invalid-address"],
    ["internalAddress", "ucserver;01", "invalid-address"],
    ["internalAddress", "fe80::1%eth0", "invalid-address"],
  ])("proxy: %s = %j answers %s", (field, value, code) => {
    expect(errors({ ...forms.proxy, [field]: value })).toEqual({ [field]: code });
  });

  it.each([
    ["turnHost", "", "required"],
    ["turnHost", "turn", "invalid-hostname"],
    ["turnHost", "203.0.113.5", "hostname-is-address"],
    ["turnPort", "0", "invalid-port"],
    ["turnExternalIp", "192.168.1.5", "not-public-address"],
    ["turnExternalIp", "turn.example.com", "invalid-address"],
    ["turnRealm", "bad realm", "invalid-hostname"],
  ])("own-turn: %s = %j answers %s", (field, value, code) => {
    expect(errors({ ...forms["own-turn"], [field]: value })).toEqual({ [field]: code });
  });

  it("accepts public unicast and documentation addresses, private ones inside", () => {
    for (const publicAddress of [
      "8.8.8.8",
      "198.51.100.7",
      "203.0.113.10",
      "192.0.2.1",
      "2a00:1450::1",
      "2001:db8::1",
    ]) {
      expect(errors({ ...forms.proxy, publicAddress }), publicAddress).toEqual({});
    }
    for (const internalAddress of ["10.0.0.5", "127.0.0.1", "fd00::5", "ucserver01", "ucserver.corp.local"]) {
      expect(errors({ ...forms.proxy, internalAddress }), internalAddress).toEqual({});
    }
  });

  it("accepts ports as numbers, as a JSON client would send them", () => {
    const r = parseConnectivityInputs({ ...forms.proxy, publicPort: 8443, internalHttpsPort: 17225 });
    expect(r.ok && [r.inputs.publicPort, r.inputs.internalHttpsPort]).toEqual([8443, 17225]);
    expect(errors({ ...forms.proxy, publicPort: 1.5 })).toEqual({ publicPort: "invalid-port" });
    expect(errors({ ...forms.proxy, publicPort: true })).toEqual({ publicPort: "invalid-port" });
  });

  it("reports every bad field at once", () => {
    expect(
      errors({ scenario: "dmz", publicHost: "bad!", proxyKind: "x", internalAddress: "", publicPort: "0" }),
    ).toEqual({
      publicHost: "invalid-hostname",
      proxyKind: "invalid-proxy-kind",
      internalAddress: "required",
      publicPort: "invalid-port",
    });
  });

  it("starts each scenario's form with the guide's ports", () => {
    expect(defaultInputs("forwarding")).toMatchObject({
      publicPort: 7225,
      internalHttpPort: 7224,
      internalHttpsPort: 7225,
    });
    expect(defaultInputs("proxy")).toMatchObject({ publicPort: 443, proxyKind: "nginx" });
    expect(defaultInputs("own-turn")).toMatchObject({ turnPort: 3478, publish: "proxy" });
    expect(defaultInputs("lan")).toEqual({
      scenario: "lan",
      internalHttpPort: 7224,
      internalHttpsPort: 7225,
    });
    for (const s of SCENARIOS) expect(defaultInputs(s).scenario).toBe(s);
  });

  it("has texts for every error code, scenario and field, in both languages", () => {
    const fields = new Set(
      connectivityInputsSchema.in.options.flatMap((o) =>
        "shape" in o ? Object.keys(o.shape) : o.options.flatMap((x) => Object.keys(x.shape)),
      ),
    );
    for (const messages of [de.connectivityFiles, en.connectivityFiles]) {
      for (const code of [...Object.values(fieldCode), "required"])
        expect(messages.error).toHaveProperty([code]);
      for (const s of SCENARIOS) expect(Object.keys(messages.scenario[s])).toEqual(["title", "description"]);
      for (const f of fields) expect(messages.field, f).toHaveProperty([f, "label"]);
      for (const f of fields) expect(messages.field, f).toHaveProperty([f, "help"]);
    }
  });
});
