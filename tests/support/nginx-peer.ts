import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { acceptsTcp, spawnPeer, tempDir, waitUntil } from "./peer-process";

export type NginxPeer = { dir: string; output: () => string; stop: () => Promise<void> };

const TEMP_PATHS = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];

/**
 * nginx running `confText` (server blocks, as the generator writes them) inside a main conf of our
 * own that keeps pid, logs and temp files under `dir`. `nginx -t` runs first and its output is the
 * error when it fails. Ready once `port` accepts connections. Without `dir` a temp folder is made
 * and removed on stop(); a given `dir` is the caller's to remove.
 */
export async function startNginx(opts: { confText: string; dir?: string; port: number }): Promise<NginxPeer> {
  const own = opts.dir ? undefined : await tempDir("nginx");
  const dir = opts.dir ?? own!.path;
  for (const p of TEMP_PATHS) await mkdir(path.join(dir, p), { recursive: true });
  await writeFile(path.join(dir, "site.conf"), opts.confText);
  const conf = path.join(dir, "nginx.conf");
  await writeFile(
    conf,
    [
      // As root (CI containers) workers would switch to nobody and lose the 0700 temp folder.
      process.getuid?.() === 0 ? "user root;" : "",
      "worker_processes 1;",
      `pid ${path.join(dir, "nginx.pid")};`,
      `error_log ${path.join(dir, "error.log")} warn;`,
      "events { worker_connections 256; }",
      "http {",
      "  access_log off;",
      ...TEMP_PATHS.map((p) => `  ${p}_temp_path ${path.join(dir, p)};`),
      `  include ${path.join(dir, "site.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  const base = ["-p", dir, "-e", path.join(dir, "error.log"), "-c", conf];
  try {
    await promisify(execFile)("nginx", [...base, "-t"]);
  } catch (err) {
    await own?.remove();
    const e = err as { stderr?: string; stdout?: string };
    throw new Error(
      `nginx -t failed:\n${e.stderr ?? ""}${e.stdout ?? ""}\n--- site.conf ---\n${opts.confText}`,
    );
  }
  const peer = spawnPeer("nginx", [...base, "-g", "daemon off;"]);
  const stop = async () => {
    await peer.stop();
    await own?.remove();
  };
  try {
    await waitUntil(() => acceptsTcp(opts.port), peer.output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { dir, output: peer.output, stop };
}
