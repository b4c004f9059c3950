CREATE TABLE "ingest_clock" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"alive_at" timestamp with time zone NOT NULL,
	"resumed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ingest_clock_one_row" CHECK ("ingest_clock"."id" = 1)
);
