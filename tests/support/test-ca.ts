import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A certificate authority made with the openssl CLI in `dir` (the caller owns and removes `dir`). */
export type TestCa = { dir: string; certPath: string; keyPath: string; pem: string };
export type IssuedCert = { certPath: string; keyPath: string; pem: string };

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: "pipe" });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`openssl ${args[0]} failed: ${stderr}`);
  }
}

const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/** A self-signed CA (P-256, 30 days) named `name`. */
export function makeCa(dir: string, name = "Connectivity Test CA"): TestCa {
  const certPath = path.join(dir, "ca.crt");
  const keyPath = path.join(dir, "ca.key");
  openssl(
    [
      "req",
      "-x509",
      ...EC_KEY,
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-subj",
      `/CN=${name}`,
      "-days",
      "30",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  writeFileSync(path.join(dir, "index.txt"), "");
  // `openssl ca` rather than `x509 -req`: OpenSSL 3.0's x509 cannot set a past end date, `ca` can.
  writeFileSync(
    path.join(dir, "ca.cnf"),
    [
      "[ca]",
      "default_ca = d",
      "[d]",
      "database = index.txt",
      "new_certs_dir = .",
      "certificate = ca.crt",
      "private_key = ca.key",
      "default_md = sha256",
      "policy = p",
      "unique_subject = no",
      "rand_serial = yes",
      "[p]",
      "commonName = supplied",
      "",
    ].join("\n"),
  );
  return { dir, certPath, keyPath, pem: readFileSync(certPath, "utf8") };
}

const stamp = (d: Date) => `${d.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;

/**
 * A server certificate for `names` (the first is the CN), valid `days` from now (default 30), or,
 * with `expired`, one that ended yesterday after a month of validity.
 */
export function issueCert(
  ca: TestCa,
  opts: { names: string[]; days?: number; expired?: boolean },
): IssuedCert {
  const id = randomUUID().slice(0, 8);
  const keyPath = path.join(ca.dir, `${id}.key`);
  const csrPath = path.join(ca.dir, `${id}.csr`);
  const certPath = path.join(ca.dir, `${id}.crt`);
  const extPath = path.join(ca.dir, `${id}.ext`);
  const san = opts.names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(",");
  writeFileSync(
    extPath,
    `[v3]\nbasicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\nsubjectAltName = ${san}\n`,
  );
  openssl(
    ["req", "-new", ...EC_KEY, "-keyout", keyPath, "-out", csrPath, "-subj", `/CN=${opts.names[0]}`],
    ca.dir,
  );
  const now = Date.now();
  const validity = opts.expired
    ? ["-startdate", stamp(new Date(now - 31 * 86_400_000)), "-enddate", stamp(new Date(now - 86_400_000))]
    : ["-days", String(opts.days ?? 30)];
  openssl(
    [
      "ca",
      "-batch",
      "-config",
      "ca.cnf",
      "-notext",
      ...validity,
      "-extfile",
      extPath,
      "-extensions",
      "v3",
      "-in",
      csrPath,
      "-out",
      certPath,
    ],
    ca.dir,
  );
  return { certPath, keyPath, pem: readFileSync(certPath, "utf8") };
}
