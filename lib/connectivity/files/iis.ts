import type { ConnectivityInputs } from "../types";
import { hostPort, internal, port } from "./safe";

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Escapes text for an XML attribute or element. */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Text inside <!-- -->: "--" would end or break the comment, so it never passes. */
function comment(text: string): string {
  return `<!-- ${text.replaceAll("--", "- -")} -->`;
}

/**
 * The reverse proxy's web.config for IIS with URL Rewrite and Application Request Routing 3: the
 * guide's two rules, the WebSocket rule first (it must stop processing, or the catch-all would
 * rewrite it again), then everything else, both to the UCServer's HTTPS port.
 */
export function iisWebConfig(inputs: ConnectivityInputs): string {
  const base = `https://${hostPort(internal(inputs), port(inputs.internalHttpsPort, "internalHttpsPort"))}`;
  const attr = xmlEscape;
  const forwardedProto = [
    "          <serverVariables>",
    '            <set name="HTTP_X_FORWARDED_PROTO" value="https" />',
    "          </serverVariables>",
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    comment(`IIS reverse proxy for the UCServer web services at ${base}.`),
    comment(
      "Needs URL Rewrite, Application Request Routing 3 with its proxy enabled (IIS Manager, server node, " +
        "Application Request Routing Cache, Server Proxy Settings, Enable proxy) and the WebSocket Protocol feature.",
    ),
    comment(
      "ARR adds X-Forwarded-For itself (Server Proxy Settings, Preserve client IP). X-Forwarded-Proto is set " +
        "below as a server variable, which IIS allows only once unlocked: " +
        "appcmd.exe set config -section:system.webServer/rewrite/allowedServerVariables " +
        "/+\"[name='HTTP_X_FORWARDED_PROTO']\" /commit:apphost",
    ),
    comment(
      "IIS checks the UCServer's certificate: if it is self-signed or from an internal CA, make IIS trust that " +
        "CA, and use the name in the certificate as address (otherwise ARR answers 502.3).",
    ),
    "<configuration>",
    "  <system.webServer>",
    '    <webSocket enabled="true" />',
    "    <rewrite>",
    "      <rules>",
    `        ${comment("First the apps' WebSocket, so that the catch-all below never touches it.")}`,
    '        <rule name="UCServer WebSocket" stopProcessing="true">',
    '          <match url="^ws/client/websocket(.*)" />',
    ...forwardedProto,
    `          <action type="Rewrite" url="${attr(`${base}/ws/client/websocket`)}{R:1}" />`,
    "        </rule>",
    `        ${comment("Then everything else: the UCServer's web services.")}`,
    '        <rule name="UCServer" stopProcessing="true">',
    '          <match url="(.*)" />',
    ...forwardedProto,
    `          <action type="Rewrite" url="${attr(base)}/{R:1}" />`,
    "        </rule>",
    "      </rules>",
    "    </rewrite>",
    "  </system.webServer>",
    "</configuration>",
  ];
  return `${lines.join("\r\n")}\r\n`;
}
