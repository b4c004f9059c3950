import { createHash, randomBytes } from "node:crypto";
import https from "node:https";
import { WEBSOCKET_PATH } from "../types";
import { isIpLiteral } from "./guard";
import { resolveTarget } from "./resolve";
import { codedError, defineCheck, errorCode, green, type Outcome, reasonFor, red, skipped } from "./result";

/** RFC 6455 §1.3: the server proves it read our key by hashing it with this GUID. */
const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

type Answer = { status: number; accept?: string };

/**
 * One HTTP/1.1 Upgrade request over TLS to the checked address, Host and SNI set to the public
 * name. Trust is ignored here on purpose: this check reports what the proxy does with an Upgrade,
 * the TLS check reports the certificate. The socket is closed as soon as the answer is in.
 */
function upgrade(address: string, host: string, port: number, key: string, timeoutMs: number) {
  const hostName = host.includes(":") ? `[${host}]` : host;
  return new Promise<Answer>((resolve, reject) => {
    const req = https.request({
      host: address,
      port,
      servername: isIpLiteral(host) ? "" : host,
      path: WEBSOCKET_PATH,
      method: "GET",
      agent: false,
      rejectUnauthorized: false,
      headers: {
        Host: port === 443 ? hostName : `${hostName}:${port}`,
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": key,
      },
    });
    const timer = setTimeout(() => req.destroy(codedError("ETIMEDOUT")), timeoutMs);
    const done = (answer: Answer) => {
      clearTimeout(timer);
      resolve(answer);
    };
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      const accept = res.headers["sec-websocket-accept"];
      done({ status: res.statusCode ?? 0, accept: typeof accept === "string" ? accept : undefined });
    });
    req.on("response", (res) => {
      done({ status: res.statusCode ?? 0 });
      res.destroy();
      req.destroy();
    });
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}

function judge(answer: Answer, key: string, base: Record<string, string | number>): Outcome {
  const seen = { ...base, status: answer.status };
  if (answer.status === 101) {
    const expected = createHash("sha1")
      .update(key + WS_GUID)
      .digest("base64");
    return answer.accept === expected ? green(seen) : red("bad-accept", seen);
  }
  if (answer.status === 404) return red("not-found", seen);
  if (answer.status === 502 || answer.status === 503 || answer.status === 504)
    return red("proxy-error", seen);
  return red("no-upgrade", seen);
}

/**
 * The WebSocket path answers an Upgrade through the proxy with `101` and a correct
 * Sec-WebSocket-Accept. A proxy without the Upgrade/Connection headers passes a plain GET instead.
 */
export const websocketCheck = defineCheck("websocket", 2, async (inputs, { config }) => {
  const { publicHost: host, publicPort: port } = inputs;
  if (!host || !port) return skipped("missing-input", {});
  const resolved = await resolveTarget(host, config);
  if (!resolved.ok) return resolved.outcome;
  const base = { host, address: resolved.address, port, path: WEBSOCKET_PATH };
  const key = randomBytes(16).toString("base64");
  try {
    return judge(await upgrade(resolved.address, host, port, key, config.timeoutMs), key, base);
  } catch (err) {
    return red(reasonFor(err), { ...base, code: errorCode(err) });
  }
});
