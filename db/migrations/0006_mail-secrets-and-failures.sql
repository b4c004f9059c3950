CREATE TYPE "public"."mail_failure" AS ENUM('recipient-rejected', 'message-refused', 'server-unreachable', 'deferred', 'error');--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "failure" "mail_failure";--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "body_erased_at" timestamp with time zone;--> statement-breakpoint
-- Mails with a one-time link that already went out (or never will) keep their metadata only.
UPDATE "mail_outbox" SET "html" = '', "text" = '', "body_erased_at" = now()
 WHERE "status" IN ('sent', 'failed')
   AND "template" IN ('sign-in-link', 'password-reset', 'member-invitation', 'trial-invitation');
