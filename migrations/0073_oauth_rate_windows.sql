-- The per-minute window of an assistant connected by OAuth (issue 59, ADR 107): one row per athlete and OAuth client,
-- the same fixed window as an API key's (ADR 105). One `INSERT … ON CONFLICT DO UPDATE … WHERE` per /mcp request
-- takes it, exact under concurrency; no row returned means the window is full (429). Goes with the account.
CREATE TABLE "oauth_rate_windows" (
	"user_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_count" integer NOT NULL,
	CONSTRAINT "oauth_rate_windows_user_id_client_id_pk" PRIMARY KEY("user_id","client_id"),
	CONSTRAINT "oauth_rate_windows_count_check" CHECK ("oauth_rate_windows"."window_count" > 0)
);
--> statement-breakpoint
ALTER TABLE "oauth_rate_windows" ADD CONSTRAINT "oauth_rate_windows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
