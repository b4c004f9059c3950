import tls from "node:tls";
import { isIpLiteral } from "./guard";
import { codedError } from "./result";

const trustStores = new Map<string, string[]>();

/** Node's bundled public roots plus the configured extra CA, built once per CA text. */
export function trustStore(ca: string | undefined): string[] {
  const key = ca ?? "";
  let store = trustStores.get(key);
  if (!store) {
    store = ca ? [...tls.rootCertificates, ca] : [...tls.rootCertificates];
    trustStores.set(key, store);
  }
  return store;
}

export type TlsTarget = { address: string; port: number; servername: string; timeoutMs: number };

/** What the handshake showed, read at once: a server may close right after it. */
export type Handshake = {
  cert: tls.PeerCertificate;
  protocol: string | null;
  authorized: boolean;
  authorizationError: string | null;
};

/**
 * A TLS handshake with an address that was already checked, with SNI for the public name; the
 * connection is closed right after. Never rejects on trust or name itself (`checkServerIdentity`
 * is a no-op): the caller reads `authorized`/`authorizationError` and checks the name separately,
 * to tell the two apart.
 */
export function openTls(target: TlsTarget, options: tls.ConnectionOptions = {}): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: target.address,
      port: target.port,
      // SNI must be a name (RFC 6066); an IP literal target gets none.
      servername: isIpLiteral(target.servername) ? "" : target.servername,
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ...options,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(codedError("ETIMEDOUT"));
    }, target.timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      resolve({
        cert: socket.getPeerCertificate(false),
        protocol: socket.getProtocol(),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
      });
      socket.destroy();
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

/**
 * The protocol the server still agrees to when the handshake is capped at TLS 1.1, or null when it
 * refuses. OpenSSL 3 refuses to offer 1.0/1.1 at its default security level, hence SECLEVEL=0 for
 * this probe only.
 */
export async function oldProtocolAccepted(target: TlsTarget): Promise<string | null> {
  try {
    const handshake = await openTls(target, {
      minVersion: "TLSv1",
      maxVersion: "TLSv1.1",
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    return handshake.protocol ?? "TLSv1.1";
  } catch {
    return null;
  }
}
