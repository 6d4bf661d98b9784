CREATE TABLE "training_comment_reads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"activity_id" uuid,
	"planned_workout_id" uuid,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_comment_reads_subject_check" CHECK (("training_comment_reads"."activity_id" is null) <> ("training_comment_reads"."planned_workout_id" is null))
);
--> statement-breakpoint
CREATE TABLE "training_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"athlete_user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"activity_id" uuid,
	"planned_workout_id" uuid,
	"author_user_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "training_comments_subject_check" CHECK (("training_comments"."activity_id" is null) <> ("training_comments"."planned_workout_id" is null)),
	CONSTRAINT "training_comments_role_check" CHECK ("training_comments"."author_role" in ('athlete', 'coach'))
);
--> statement-breakpoint
ALTER TABLE "training_comment_reads" ADD CONSTRAINT "training_comment_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_comment_reads" ADD CONSTRAINT "training_comment_reads_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_comment_reads" ADD CONSTRAINT "training_comment_reads_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_comment_reads" ADD CONSTRAINT "training_comment_reads_planned_workout_id_planned_workouts_id_fk" FOREIGN KEY ("planned_workout_id") REFERENCES "public"."planned_workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_comments" ADD CONSTRAINT "training_comments_athlete_user_id_users_id_fk" FOREIGN KEY ("athlete_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_comments" ADD CONSTRAINT "training_comments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_comments" ADD CONSTRAINT "training_comments_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_comments" ADD CONSTRAINT "training_comments_planned_workout_id_planned_workouts_id_fk" FOREIGN KEY ("planned_workout_id") REFERENCES "public"."planned_workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_comments" ADD CONSTRAINT "training_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_comment_reads_activity_idx" ON "training_comment_reads" USING btree ("user_id","org_id","activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_comment_reads_workout_idx" ON "training_comment_reads" USING btree ("user_id","org_id","planned_workout_id");--> statement-breakpoint
CREATE INDEX "training_comments_activity_idx" ON "training_comments" USING btree ("activity_id","org_id","created_at");--> statement-breakpoint
CREATE INDEX "training_comments_workout_idx" ON "training_comments" USING btree ("planned_workout_id","org_id","created_at");--> statement-breakpoint
CREATE INDEX "training_comments_athlete_idx" ON "training_comments" USING btree ("athlete_user_id");--> statement-breakpoint
CREATE INDEX "training_comments_author_idx" ON "training_comments" USING btree ("author_user_id");