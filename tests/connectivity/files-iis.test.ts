import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { iisWebConfig, xmlEscape } from "@/lib/connectivity/files";
import { forms, parsed } from "./files-fixtures";

type Rule = {
  "@_name": string;
  "@_stopProcessing"?: string;
  match: { "@_url": string };
  action: { "@_type": string; "@_url": string };
  serverVariables?: { set: { "@_name": string; "@_value": string } };
};

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "rule" }).parse(xml);
  return doc.configuration["system.webServer"] as {
    webSocket: { "@_enabled": string };
    rewrite: { rules: { rule: Rule[] } };
  };
}

describe("IIS web.config", () => {
  it("holds exactly the guide's two rules, the WebSocket first with stopProcessing", () => {
    const web = parse(iisWebConfig(parsed(forms.dmz)));
    expect(web.webSocket["@_enabled"]).toBe("true");
    const [ws, all, ...rest] = web.rewrite.rules.rule;
    expect(rest).toEqual([]);
    expect(ws).toMatchObject({
      "@_name": "UCServer WebSocket",
      "@_stopProcessing": "true",
      match: { "@_url": "^ws/client/websocket(.*)" },
      action: { "@_type": "Rewrite", "@_url": "https://192.168.1.20:7225/ws/client/websocket{R:1}" },
    });
    expect(all).toMatchObject({
      "@_name": "UCServer",
      match: { "@_url": "(.*)" },
      action: { "@_type": "Rewrite", "@_url": "https://192.168.1.20:7225/{R:1}" },
    });
    // The catch-all matches the WebSocket path too: only the first rule's stop keeps it from a second rewrite.
    expect(new RegExp(all!.match["@_url"]).test("ws/client/websocket")).toBe(true);
  });

  it("sets X-Forwarded-Proto and says which server variable to unlock", () => {
    const xml = iisWebConfig(parsed(forms.dmz));
    for (const rule of parse(xml).rewrite.rules.rule) {
      expect(rule.serverVariables?.set).toEqual({ "@_name": "HTTP_X_FORWARDED_PROTO", "@_value": "https" });
    }
    expect(xml).toMatch(/<!--[\s\S]*allowedServerVariables[\s\S]*HTTP_X_FORWARDED_PROTO[\s\S]*-->/);
  });

  it("brackets an IPv6 address, takes the internal port, and stays valid XML", () => {
    const xml = iisWebConfig(
      parsed({ ...forms.dmz, internalAddress: "fd00::5", internalHttpsPort: "17225" }),
    );
    const [ws, all] = parse(xml).rewrite.rules.rule;
    expect(ws?.action["@_url"]).toBe("https://[fd00::5]:17225/ws/client/websocket{R:1}");
    expect(all?.action["@_url"]).toBe("https://[fd00::5]:17225/{R:1}");
    // No "--" inside a comment (that breaks XML); the validator above would fail, this names the reason.
    for (const c of xml.match(/<!--([\s\S]*?)-->/g) ?? []) expect(c.slice(4, -3)).not.toContain("--");
  });

  it("escapes XML", () => {
    expect(xmlEscape(`a&b<c>"d"'e'`)).toBe("a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;");
  });
});
