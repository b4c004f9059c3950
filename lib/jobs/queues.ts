/**
 * Every kind of background job, with how it is retried. One table so that the queue is set up
 * (lib/jobs/install.ts), filled (enqueue.ts) and worked (runner.ts) from the same definitions.
 */
export const QUEUES = {
  /** One outbox mail to send; added in the transaction that writes the mail. */
  "mail.deliver": {
    // Temporary SMTP failures: 15 s, 30 s, 1 min… with jitter, ten attempts in all (about 4 h).
    retryLimit: 9,
    retryDelay: 15,
    retryBackoff: true,
    // A worker that died with the job active gives it back after this long.
    expireInSeconds: 300,
  },
  /** Outbox mails that have no job (written before the queue existed, or kept past its retention). */
  "mail.reconcile": { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 300 },
  /** E-mails about servers that went offline or came back; woken by every status change. */
  "status.notify": { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 300 },
  /** License and trial reminders. */
  "reminders.send": { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 600 },
  /** Sign-ups never verified within 7 days: the account and its organisation go. */
  "accounts.cleanup": { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 600 },
  /**
   * The connectivity assistant's daily re-run: servers whose checks last ran a day ago or more, run
   * again without a person (lib/connectivity/run-due-connectivity-checks.ts).
   */
  "connectivity.check": { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 1800 },
  /** Heartbeat history past its retention, and rate-limit counters long over. */
  "history.prune": { retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 3600 },
} as const;

export type QueueName = keyof typeof QUEUES;

/**
 * Recurring jobs (cron, UTC). pg-boss runs each schedule once per slot across all processes. The
 * one-minute ones are also a safety net: the jobs they send are woken sooner when there is work.
 */
export const SCHEDULES: { name: QueueName; cron: string }[] = [
  { name: "status.notify", cron: "* * * * *" },
  { name: "reminders.send", cron: "* * * * *" },
  { name: "mail.reconcile", cron: "*/10 * * * *" },
  { name: "history.prune", cron: "17 * * * *" },
  { name: "accounts.cleanup", cron: "41 * * * *" },
  // Hourly, so a server comes round again between 24 and 25 hours after its last run.
  { name: "connectivity.check", cron: "29 * * * *" },
];

/** The channel a new job is announced on at commit, so workers in every process start at once. */
export const JOBS_CHANNEL = "jobs";
