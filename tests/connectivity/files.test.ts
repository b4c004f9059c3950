import { describe, expect, it } from "vitest";
import {
  coturnConfig,
  dnsRecords,
  firewallCsv,
  firewallRules,
  generateFiles,
  iisWebConfig,
  nginxConfig,
  UnsafeValueError,
  zoneFile,
} from "@/lib/connectivity/files";
import type { ConnectivityInputs, FirewallRule, Scenario } from "@/lib/connectivity/types";
import de from "@/lib/i18n/messages/de/connectivity-files.json";
import en from "@/lib/i18n/messages/en/connectivity-files.json";
import { forms, options, parsed } from "./files-fixtures";

const PUSH: FirewallRule = {
  direction: "outbound",
  source: "UCServer (192.168.1.20)",
  destination: "UCConnect portal (portal.ucconnect.example)",
  port: "443",
  protocol: "TCP",
  purpose: "push",
};

function filesOf(raw: Record<string, string>) {
  return generateFiles(parsed(raw), options).map((f) => [f.id, f.filename, f.contentType.split(";")[0]]);
}

describe("generateFiles", () => {
  it.each<[string, Record<string, string>, string[][]]>([
    ["lan", forms.lan, [["firewall", "firewall.csv", "text/csv"]]],
    ["ucconnect", forms.ucconnect, [["firewall", "firewall.csv", "text/csv"]]],
    [
      "forwarding",
      forms.forwarding,
      [
        ["dns", "zone.txt", "text/plain"],
        ["firewall", "firewall.csv", "text/csv"],
      ],
    ],
    [
      "proxy (nginx)",
      forms.proxy,
      [
        ["dns", "zone.txt", "text/plain"],
        ["firewall", "firewall.csv", "text/csv"],
        ["nginx", "ucserver.example.com.conf", "text/plain"],
      ],
    ],
    [
      "dmz (iis)",
      forms.dmz,
      [
        ["dns", "zone.txt", "text/plain"],
        ["firewall", "firewall.csv", "text/csv"],
        ["iis", "web.config", "application/xml"],
      ],
    ],
    [
      "own-turn published by proxy",
      forms["own-turn"],
      [
        ["dns", "zone.txt", "text/plain"],
        ["firewall", "firewall.csv", "text/csv"],
        ["nginx", "ucserver.example.com.conf", "text/plain"],
        ["coturn", "turnserver.conf", "text/plain"],
      ],
    ],
    [
      "own-turn published by forwarding",
      { ...forms["own-turn"], publish: "forwarding" },
      [
        ["dns", "zone.txt", "text/plain"],
        ["firewall", "firewall.csv", "text/csv"],
        ["coturn", "turnserver.conf", "text/plain"],
      ],
    ],
  ])("%s gets its files", (_, raw, expected) => {
    expect(filesOf(raw)).toEqual(expected);
  });

  it("hands out exactly what the single generators write", () => {
    const inputs = parsed(forms["own-turn"]);
    const byId = Object.fromEntries(generateFiles(inputs, options).map((f) => [f.id, f.content]));
    expect(byId.dns).toBe(zoneFile(inputs));
    expect(byId.nginx).toBe(nginxConfig(inputs, options));
    expect(byId.coturn).toBe(coturnConfig(inputs, options));
    expect(byId.firewall).toBe(
      firewallCsv(firewallRules(inputs, options), (p) => en.connectivityFiles.rule[p as "push"]),
    );
  });
});

describe("DNS records", () => {
  it("writes the A and SRV records as zone-file lines", () => {
    const lines = zoneFile(parsed(forms.proxy))
      .split("\n")
      .filter((l) => l && !l.startsWith(";"));
    expect(lines).toEqual([
      "ucserver.example.com. 3600 IN A 198.51.100.7",
      "_ctiwebserver._tcp.example.com. 3600 IN SRV 0 5 443 ucserver.example.com.",
    ]);
  });

  it("uses the forwarded port, AAAA for IPv6, the given SRV domain and the TURN server's record", () => {
    const inputs = parsed({
      ...forms["own-turn"],
      publish: "forwarding",
      publicAddress: "2001:db8::7",
      srvDomain: "example.org",
    });
    const lines = zoneFile(inputs)
      .split("\n")
      .filter((l) => l && !l.startsWith(";"));
    expect(lines).toEqual([
      "ucserver.example.com. 3600 IN AAAA 2001:db8::7",
      "_ctiwebserver._tcp.example.org. 3600 IN SRV 0 5 7225 ucserver.example.com.",
      "turn.example.com. 3600 IN A 203.0.113.5",
    ]);
  });

  it("marks an unknown address with a placeholder no DNS server would load", () => {
    const inputs = parsed(forms.dmz);
    expect(zoneFile(inputs)).toContain(
      "ucserver.example.com. 3600 IN A <your-public-IPv4-address> ; replace with your public address\n",
    );
    expect(dnsRecords(inputs)).toEqual([
      {
        name: "ucserver.example.com.",
        ttl: 3600,
        type: "A",
        value: "<your-public-IPv4-address>",
        placeholder: true,
        purpose: "public-host",
      },
      {
        name: "_ctiwebserver._tcp.example.com.",
        ttl: 3600,
        type: "SRV",
        value: "0 5 443 ucserver.example.com.",
        placeholder: false,
        purpose: "srv",
      },
    ]);
  });

  it("writes one record when the TURN server is the same host at the same address", () => {
    const inputs = parsed({
      ...forms["own-turn"],
      turnHost: "ucserver.example.com",
      turnExternalIp: "198.51.100.7",
    });
    expect(dnsRecords(inputs).map((r) => r.type)).toEqual(["A", "SRV"]);
  });
});

describe("firewall rules", () => {
  it.each<Scenario>(["lan", "ucconnect", "forwarding", "proxy", "dmz", "own-turn"])(
    "%s ends with the outbound push rule on 443",
    (s) => {
      const rules = firewallRules(parsed(forms[s]), options);
      expect(rules.at(-1)).toEqual(PUSH);
      expect(rules.filter((r) => r.purpose === "push")).toHaveLength(1);
    },
  );

  it("lan: the clients reach the web services directly, nothing comes in from the Internet", () => {
    expect(firewallRules(parsed(forms.lan), options)).toEqual([
      {
        direction: "inbound",
        source: "LAN / WLAN clients",
        destination: "UCServer (192.168.1.20)",
        port: "7224, 7225",
        protocol: "TCP",
        purpose: "lan-clients",
      },
      PUSH,
    ]);
  });

  it("ucconnect: only outbound, to UCConnect's TURN and the portal", () => {
    const rules = firewallRules(parsed(forms.ucconnect), options);
    expect(rules).toEqual([
      {
        direction: "outbound",
        source: "UCServer (192.168.1.20)",
        destination: "UCConnect TURN (turn.ucconnect.example)",
        port: "3478",
        protocol: "TCP/UDP",
        purpose: "ucconnect-turn",
      },
      PUSH,
    ]);
  });

  it("forwarding: the public port to the UCServer's HTTPS port", () => {
    const rules = firewallRules(parsed({ ...forms.forwarding, publicPort: "443" }), options);
    expect(rules[0]).toEqual({
      direction: "inbound",
      source: "Internet (any)",
      destination: "UCServer (192.168.1.20)",
      port: "443->7225",
      protocol: "TCP",
      purpose: "port-forwarding",
    });
    expect(firewallRules(parsed(forms.forwarding), options)[0]?.port).toBe("7225");
  });

  it("proxy and dmz: 443 and 80 to the proxy, the proxy to the UCServer, spelled out for the DMZ", () => {
    const proxy = firewallRules(parsed(forms.proxy), options).map((r) => [
      r.source,
      r.destination,
      r.port,
      r.purpose,
    ]);
    expect(proxy).toEqual([
      ["Internet (any)", "Reverse proxy", "443", "proxy-https"],
      ["Internet (any)", "Reverse proxy", "80", "proxy-http-redirect"],
      ["Reverse proxy", "UCServer (192.168.1.20)", "7225", "proxy-to-ucserver"],
      [PUSH.source, PUSH.destination, "443", "push"],
    ]);
    const dmz = firewallRules(parsed(forms.dmz), options);
    expect(dmz[2]).toEqual({
      direction: "inbound",
      source: "Reverse proxy (DMZ)",
      destination: "UCServer (192.168.1.20)",
      port: "7225",
      protocol: "TCP",
      purpose: "dmz-to-lan",
    });
    expect(en.connectivityFiles.rule["dmz-to-lan"]).toMatch(/only connection/);
  });

  it("own-turn: TURN port in, the relay range in, the UCServer out to the TURN server", () => {
    const rules = firewallRules(parsed({ ...forms["own-turn"], turnPort: "3479" }), options);
    const turn = rules.filter((r) => r.destination === "TURN server (turn.example.com)");
    expect(turn).toEqual([
      {
        direction: "inbound",
        source: "Internet (any)",
        destination: "TURN server (turn.example.com)",
        port: "3479",
        protocol: "TCP/UDP",
        purpose: "turn-listen",
      },
      {
        direction: "inbound",
        source: "Internet (any)",
        destination: "TURN server (turn.example.com)",
        port: "49152-65535",
        protocol: "UDP",
        purpose: "turn-relay",
      },
      {
        direction: "outbound",
        source: "UCServer (192.168.1.20)",
        destination: "TURN server (turn.example.com)",
        port: "3479",
        protocol: "TCP/UDP",
        purpose: "ucserver-to-turn",
      },
    ]);
    expect(rules.map((r) => r.purpose)).toContain("proxy-https");
  });

  it("has a text for every purpose, in both languages", () => {
    const purposes = new Set(
      (["lan", "ucconnect", "forwarding", "proxy", "dmz", "own-turn"] as const).flatMap((s) =>
        firewallRules(parsed(forms[s]), options).map((r) => r.purpose),
      ),
    );
    for (const p of purposes) {
      expect(en.connectivityFiles.rule, p).toHaveProperty([p]);
      expect(de.connectivityFiles.rule, p).toHaveProperty([p]);
    }
  });

  it("renders CSV after RFC 4180: header, CRLF, quoting where needed", () => {
    const csv = firewallCsv(firewallRules(parsed(forms.lan), options));
    expect(csv).toBe(
      "direction,source,destination,port,protocol,purpose\r\n" +
        'inbound,LAN / WLAN clients,UCServer (192.168.1.20),"7224, 7225",TCP,lan-clients\r\n' +
        "outbound,UCServer (192.168.1.20),UCConnect portal (portal.ucconnect.example),443,TCP,push\r\n",
    );
    const tricky: FirewallRule = { ...PUSH, source: 'a "b"', destination: "x\ny", purpose: "=cmd" };
    expect(firewallCsv([tricky]).split("\r\n")[1]).toBe(`outbound,"a ""b""","x\ny",443,TCP,'=cmd`);
  });

  it("writes the purposes in the chosen language", () => {
    const csv = generateFiles(parsed(forms.lan), { ...options, locale: "de" }).find(
      (f) => f.id === "firewall",
    );
    expect(csv?.content).toContain(de.connectivityFiles.rule.push);
  });
});

describe("the generators refuse values the schema would not let through", () => {
  const good = parsed(forms["own-turn"]);
  const generators = {
    zone: (i: ConnectivityInputs) => zoneFile(i),
    nginx: (i: ConnectivityInputs) => nginxConfig(i),
    iis: (i: ConnectivityInputs) => iisWebConfig(i),
    coturn: (i: ConnectivityInputs) => coturnConfig(i),
    firewall: (i: ConnectivityInputs) => firewallRules(i, options),
  };
  const bad: [keyof ConnectivityInputs, unknown, (keyof typeof generators)[]][] = [
    ["publicHost", "ucserver.example.com;\nlisten 80", ["zone", "nginx"]],
    ["publicHost", "UCServer.example.com", ["zone", "nginx"]],
    ["internalAddress", "10.0.0.1:7225/ x", ["nginx", "iis", "firewall"]],
    ["internalAddress", '10.0.0.1" /><x', ["nginx", "iis", "firewall"]],
    ["internalHttpsPort", 0, ["nginx", "iis", "firewall"]],
    ["publicPort", "443", ["zone", "nginx"]],
    ["turnHost", "turn.example.com\nrelay-ip=10.0.0.1", ["zone", "coturn", "firewall"]],
    ["turnRealm", "realm.example.com\n", ["coturn"]],
    ["turnExternalIp", "10.0.0.1", ["zone", "coturn"]],
    ["turnPort", 70000, ["coturn", "firewall"]],
    ["srvDomain", "example.com. 0 IN A 1.2.3.4", ["zone"]],
  ];
  it.each(bad)("%s = %j", (field, value, which) => {
    const inputs = { ...good, [field]: value } as ConnectivityInputs;
    for (const g of which) expect(() => generators[g](inputs), g).toThrow(UnsafeValueError);
  });

  it("refuses unsafe option values: certificate paths, TURN secret, the redirect port", () => {
    expect(() => nginxConfig(good, { certificatePath: "/etc/ssl/a.crt;\nssl_protocols TLSv1" })).toThrow(
      UnsafeValueError,
    );
    expect(() => nginxConfig(good, { keyPath: "/etc/ssl/my key.pem" })).toThrow(UnsafeValueError);
    expect(() => nginxConfig(good, { httpPort: 443 })).toThrow(UnsafeValueError);
    expect(() => coturnConfig(good, { turnSecret: "abc\nallow-loopback-peers" })).toThrow(UnsafeValueError);
    expect(() => coturnConfig(good, { turnSecret: "short" })).toThrow(UnsafeValueError);
    expect(() => firewallRules(good, { ucconnect: { ...options.ucconnect, portalHost: "a,b\n" } })).toThrow(
      UnsafeValueError,
    );
  });
});
