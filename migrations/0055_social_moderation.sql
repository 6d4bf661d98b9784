-- Social moderation (issue 42, ADR 083): athletes' reports (one per reporter and target) and moderators' actions
-- with their reason, the author's one appeal and its decision.
CREATE TABLE "moderation_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reporter_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"target_user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"reason" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_reports_kind_check" CHECK ("target_kind" in ('post', 'comment', 'profile')),
	CONSTRAINT "moderation_reports_reason_check" CHECK ("reason" in ('spam', 'harassment', 'hate', 'sexual', 'violence', 'privacy', 'impersonation', 'cheating', 'other')),
	CONSTRAINT "moderation_reports_status_check" CHECK ("status" in ('open', 'actioned', 'dismissed')),
	CONSTRAINT "moderation_reports_note_check" CHECK ("note" is null or char_length("note") <= 500)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_reports_once_idx" ON "moderation_reports" ("reporter_id", "target_kind", "target_id");
--> statement-breakpoint
CREATE INDEX "moderation_reports_target_idx" ON "moderation_reports" ("target_kind", "target_id", "status");
--> statement-breakpoint
CREATE INDEX "moderation_reports_reporter_idx" ON "moderation_reports" ("reporter_id", "created_at");
--> statement-breakpoint
CREATE INDEX "moderation_reports_target_user_idx" ON "moderation_reports" ("target_user_id");
--> statement-breakpoint
CREATE TABLE "moderation_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"kind" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"suspend_until" timestamp with time zone,
	"actor_id" uuid REFERENCES "users"("id") ON DELETE SET NULL,
	"report_id" uuid REFERENCES "moderation_reports"("id") ON DELETE SET NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"appeal_text" text,
	"appealed_at" timestamp with time zone,
	"appeal_decision" text,
	"appeal_decision_reason" text,
	"appeal_decided_at" timestamp with time zone,
	"appeal_decided_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
	CONSTRAINT "moderation_actions_kind_check" CHECK ("kind" in ('hide', 'warn', 'suspend', 'lift', 'dismiss')),
	CONSTRAINT "moderation_actions_target_kind_check" CHECK ("target_kind" in ('post', 'comment', 'profile')),
	CONSTRAINT "moderation_actions_reason_check" CHECK (char_length("reason") between 1 and 500),
	CONSTRAINT "moderation_actions_suspend_check" CHECK (("kind" = 'suspend') = ("suspend_until" is not null)),
	CONSTRAINT "moderation_actions_appeal_check" CHECK (("appeal_text" is null) = ("appealed_at" is null) and ("appeal_text" is null or char_length("appeal_text") between 1 and 1000)),
	CONSTRAINT "moderation_actions_decision_check" CHECK (("appeal_decision" is null or ("appeal_decision" in ('upheld', 'overturned') and "appealed_at" is not null and "appeal_decided_at" is not null)))
);
--> statement-breakpoint
CREATE INDEX "moderation_actions_user_idx" ON "moderation_actions" ("target_user_id", "created_at");
--> statement-breakpoint
CREATE INDEX "moderation_actions_target_idx" ON "moderation_actions" ("target_kind", "target_id");
--> statement-breakpoint
CREATE INDEX "moderation_actions_appeals_idx" ON "moderation_actions" ("appealed_at") WHERE "appealed_at" is not null;
