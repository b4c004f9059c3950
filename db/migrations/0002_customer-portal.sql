CREATE TABLE "license_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key_hash" text NOT NULL,
	"key_hint" text NOT NULL,
	"product_key" text NOT NULL,
	"quantity" integer NOT NULL,
	"valid_days" integer,
	"note" text,
	"issued_by_user_id" uuid,
	"redeemed_at" timestamp with time zone,
	"redeemed_by_organisation_id" uuid,
	"license_id" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "license_keys_quantity_positive" CHECK ("license_keys"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "reminders_sent" (
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_sent_subject_type_subject_id_kind_pk" PRIMARY KEY("subject_type","subject_id","kind")
);
--> statement-breakpoint
ALTER TABLE "licenses" DROP CONSTRAINT "licenses_server_id_servers_id_fk";
--> statement-breakpoint
DROP INDEX "servers_org_idx";--> statement-breakpoint
ALTER TABLE "licenses" ALTER COLUMN "server_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "notify_server_status" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "notify_expiry" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "licenses" ADD COLUMN "license_key_id" uuid;--> statement-breakpoint
ALTER TABLE "licenses" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "server_status_events" ADD COLUMN "notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "servers" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "license_keys" ADD CONSTRAINT "license_keys_product_key_products_key_fk" FOREIGN KEY ("product_key") REFERENCES "public"."products"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_keys" ADD CONSTRAINT "license_keys_issued_by_user_id_users_id_fk" FOREIGN KEY ("issued_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_keys" ADD CONSTRAINT "license_keys_redeemed_by_organisation_id_organisations_id_fk" FOREIGN KEY ("redeemed_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_keys" ADD CONSTRAINT "license_keys_license_id_licenses_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."licenses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "license_keys_hash_key" ON "license_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "license_keys_created_idx" ON "license_keys" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "server_status_events_unnotified_idx" ON "server_status_events" USING btree ("id") WHERE "server_status_events"."notified_at" is null;--> statement-breakpoint
CREATE INDEX "servers_org_name_idx" ON "servers" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE INDEX "servers_org_status_idx" ON "servers" USING btree ("organisation_id","status");