CREATE TYPE "public"."connectivity_state" AS ENUM('green', 'amber', 'red', 'skipped');--> statement-breakpoint
CREATE TABLE "connectivity_results" (
	"server_id" uuid NOT NULL,
	"check" text NOT NULL,
	"state" "connectivity_state" NOT NULL,
	"reason" text NOT NULL,
	"seen" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"state_since" timestamp with time zone NOT NULL,
	CONSTRAINT "connectivity_results_server_id_check_pk" PRIMARY KEY("server_id","check")
);
--> statement-breakpoint
CREATE TABLE "server_connectivity" (
	"server_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"inputs" jsonb NOT NULL,
	"file_options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"last_run_at" timestamp with time zone,
	"run_started_at" timestamp with time zone,
	"problem_alerted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "notify_connectivity" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "connectivity_results" ADD CONSTRAINT "connectivity_results_server_id_server_connectivity_server_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."server_connectivity"("server_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_connectivity" ADD CONSTRAINT "server_connectivity_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_connectivity" ADD CONSTRAINT "server_connectivity_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_connectivity" ADD CONSTRAINT "server_connectivity_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "server_connectivity_last_run_idx" ON "server_connectivity" USING btree ("last_run_at");--> statement-breakpoint
CREATE INDEX "server_connectivity_org_idx" ON "server_connectivity" USING btree ("organisation_id");