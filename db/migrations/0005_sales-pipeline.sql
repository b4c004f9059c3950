ALTER TABLE "trials" ALTER COLUMN "server_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "origin" "server_origin";--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "sales_user_id" uuid;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "locale" text DEFAULT 'de' NOT NULL;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "extended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "extended_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "extension_days" integer;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "extension_reason" text;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "converted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "converted_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "trials" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_sales_user_id_users_id_fk" FOREIGN KEY ("sales_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_extended_by_user_id_users_id_fk" FOREIGN KEY ("extended_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_converted_by_user_id_users_id_fk" FOREIGN KEY ("converted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Existing trials: origin, locale and organisation from their server (the oldest trial of an
-- organisation keeps it, any later one is merged into it), converted when a bought license followed
-- on any of its servers, and followed by the sales person who started it.
UPDATE "trials" t SET "origin" = s."origin", "locale" = s."locale"
  FROM "servers" s WHERE s."id" = t."server_id";--> statement-breakpoint
UPDATE "trials" SET "origin" = 'ucserver-trial' WHERE "origin" IS NULL;--> statement-breakpoint
ALTER TABLE "trials" ALTER COLUMN "origin" SET NOT NULL;--> statement-breakpoint
WITH ranked AS (
  SELECT t."id", s."organisation_id",
         first_value(t."id") OVER (PARTITION BY s."organisation_id" ORDER BY t."starts_at", t."id") AS first_id
    FROM "trials" t JOIN "servers" s ON s."id" = t."server_id"
   WHERE s."organisation_id" IS NOT NULL
)
UPDATE "trials" t
   SET "organisation_id" = CASE WHEN r."id" = r."first_id" THEN r."organisation_id" END,
       "merged_into_id" = CASE WHEN r."id" <> r."first_id" THEN r."first_id" END
  FROM ranked r WHERE r."id" = t."id";--> statement-breakpoint
UPDATE "trials" t SET "converted_at" = b."created_at"
  FROM (SELECT coalesce(tt."merged_into_id", tt."id") AS "trial_id", min(l."created_at") AS "created_at"
          FROM "trials" tt JOIN "licenses" l ON l."server_id" = tt."server_id"
         WHERE NOT l."trial" AND l."revoked_at" IS NULL GROUP BY 1) b
 WHERE b."trial_id" = t."id";--> statement-breakpoint
UPDATE "trials" SET "sales_user_id" = "started_by_user_id" WHERE "origin" = 'sales-trial';--> statement-breakpoint
CREATE UNIQUE INDEX "trials_organisation_key" ON "trials" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "trials_sales_user_idx" ON "trials" USING btree ("sales_user_id","ends_at");--> statement-breakpoint
CREATE INDEX "trials_contact_email_idx" ON "trials" USING btree ("contact_email");--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_extension_complete" CHECK (("trials"."extended_at" is null) = ("trials"."extension_days" is null) and ("trials"."extended_at" is null) = ("trials"."extension_reason" is null));