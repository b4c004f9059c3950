CREATE TYPE "public"."consent_source" AS ENUM('ucserver', 'portal');--> statement-breakpoint
CREATE TYPE "public"."server_origin" AS ENUM('portal', 'ucserver-trial', 'sales-trial');--> statement-breakpoint
CREATE TYPE "public"."server_status" AS ENUM('never-connected', 'online', 'late', 'offline');--> statement-breakpoint
CREATE TYPE "public"."terms_kind" AS ENUM('license-terms', 'privacy-policy', 'data-processing-agreement');--> statement-breakpoint
CREATE TABLE "licenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" uuid NOT NULL,
	"organisation_id" uuid,
	"product_key" text NOT NULL,
	"quantity" integer NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"trial" boolean DEFAULT false NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "licenses_quantity_positive" CHECK ("licenses"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"key" text PRIMARY KEY NOT NULL,
	"name_de" text NOT NULL,
	"name_en" text NOT NULL,
	"mobile_users_per_unit" integer DEFAULT 0 NOT NULL,
	"audio_video_users_per_unit" integer DEFAULT 0 NOT NULL,
	"grants_push" boolean DEFAULT false NOT NULL,
	"grants_turn" boolean DEFAULT false NOT NULL,
	"trial_quantity" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_heartbeats" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"server_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"sequence" bigint NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"clock_skew_ms" integer NOT NULL,
	"ucserver_version" text NOT NULL,
	"users_total" integer NOT NULL,
	"users_mobile" integer NOT NULL,
	"users_audio_video" integer NOT NULL,
	"push_devices" integer
);
--> statement-breakpoint
CREATE TABLE "server_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"ip" text,
	"ucserver_version" text,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_status_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"server_id" uuid NOT NULL,
	"from_status" "server_status" NOT NULL,
	"to_status" "server_status" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"origin" "server_origin" NOT NULL,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"contact_email" text,
	"locale" text DEFAULT 'de' NOT NULL,
	"disabled_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"status" "server_status" DEFAULT 'never-connected' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_session_started_at" timestamp with time zone,
	"last_sequence" bigint,
	"last_sent_at" timestamp with time zone,
	"clock_skew_ms" integer,
	"ucserver_version" text,
	"users_total" integer,
	"users_mobile" integer,
	"users_audio_video" integer,
	"push_devices" integer,
	"licenses_revision" integer DEFAULT 1 NOT NULL,
	"license_boundaries" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"terms_accepted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "terms_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"kind" "terms_kind" NOT NULL,
	"version" text NOT NULL,
	"server_id" uuid,
	"organisation_id" uuid,
	"source" "consent_source" NOT NULL,
	"accepted_by" text NOT NULL,
	"accepted_by_user_id" uuid,
	"ip" text,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "terms_acceptances_scope" CHECK ("terms_acceptances"."server_id" is not null or "terms_acceptances"."organisation_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "terms_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "terms_kind" NOT NULL,
	"version" text NOT NULL,
	"title_de" text NOT NULL,
	"title_en" text NOT NULL,
	"url" text NOT NULL,
	"is_current" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "trials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" uuid NOT NULL,
	"started_by_user_id" uuid,
	"ip" text,
	"contact_email" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_product_key_products_key_fk" FOREIGN KEY ("product_key") REFERENCES "public"."products"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_heartbeats" ADD CONSTRAINT "server_heartbeats_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_heartbeats" ADD CONSTRAINT "server_heartbeats_session_id_server_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."server_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_sessions" ADD CONSTRAINT "server_sessions_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_status_events" ADD CONSTRAINT "server_status_events_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servers" ADD CONSTRAINT "servers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_document_id_terms_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."terms_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_documents" ADD CONSTRAINT "terms_documents_published_by_user_id_users_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trials" ADD CONSTRAINT "trials_started_by_user_id_users_id_fk" FOREIGN KEY ("started_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "licenses_server_idx" ON "licenses" USING btree ("server_id");--> statement-breakpoint
CREATE INDEX "licenses_org_idx" ON "licenses" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "server_heartbeats_session_sequence_key" ON "server_heartbeats" USING btree ("session_id","sequence");--> statement-breakpoint
CREATE INDEX "server_heartbeats_server_received_idx" ON "server_heartbeats" USING btree ("server_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "server_sessions_token_key" ON "server_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "server_sessions_server_idx" ON "server_sessions" USING btree ("server_id","created_at");--> statement-breakpoint
CREATE INDEX "server_status_events_server_at_idx" ON "server_status_events" USING btree ("server_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "servers_code_key" ON "servers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "servers_org_idx" ON "servers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "terms_acceptances_server_idx" ON "terms_acceptances" USING btree ("server_id","document_id");--> statement-breakpoint
CREATE INDEX "terms_acceptances_org_idx" ON "terms_acceptances" USING btree ("organisation_id","document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_documents_kind_version_key" ON "terms_documents" USING btree ("kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_documents_current_key" ON "terms_documents" USING btree ("kind") WHERE "terms_documents"."is_current";--> statement-breakpoint
CREATE UNIQUE INDEX "trials_server_key" ON "trials" USING btree ("server_id");--> statement-breakpoint
CREATE INDEX "trials_ends_idx" ON "trials" USING btree ("ends_at");