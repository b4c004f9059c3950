/**
 * What the generators need besides the customer's inputs: the portal's own service names (for the
 * firewall rules), and paths or secrets a customer or a test fills in.
 */
export type GenerateOptions = {
  /** nginx: the certificate (full chain) and key; default `/etc/nginx/ssl/<publicHost>.crt|.key`. */
  certificatePath?: string;
  keyPath?: string;
  /** nginx: the port of the HTTP→HTTPS redirect server; default 80 (tests use a free high port). */
  httpPort?: number;
  /**
   * nginx: how HTTP/2 is switched on. `listen` (`listen 443 ssl http2;`) works from nginx 1.9.5 on and
   * only warns from 1.25.1; `directive` (`http2 on;`) needs nginx 1.25.1 or later; `off` leaves it out.
   */
  nginxHttp2?: "listen" | "directive" | "off";
  /** coturn: the shared secret; when absent the file carries a commented placeholder (fails closed). */
  turnSecret?: string;
  /** The language of the purposes in firewall.csv; default English. */
  locale?: "de" | "en";
  /** The portal (push relay) and UCConnect's TURN service, as the UCServer reaches them. */
  ucconnect: { portalHost: string; turnHost: string; turnPort: number };
};
