/** An SMTP sink in a process of its own (as a real mail server would be): prints its port, stops on SIGTERM. */
import { startSmtpSink } from "./smtp-sink";

const dir = process.argv[2];
if (!dir) throw new Error("usage: smtp-sink-process <dir>");
const sink = await startSmtpSink({ dir });
process.stdout.write(`${JSON.stringify({ port: sink.port })}\n`);
process.on("SIGTERM", () => void sink.close().then(() => process.exit(0)));
