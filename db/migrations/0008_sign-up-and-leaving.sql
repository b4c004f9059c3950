ALTER TYPE "public"."auth_token_kind" ADD VALUE 'email-verification';--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
-- Only a verified account signs in from now on; every account so far came by an invitation, a
-- seed or an operator, so it counts as verified since it was created.
UPDATE "users" SET "email_verified_at" = "created_at" WHERE "email_verified_at" IS NULL;
