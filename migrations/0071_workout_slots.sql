-- Two sessions on one day (issue 58, ADR 104): a planned workout may be the day's morning or evening session.
-- Null is "any time" (every workout before this, and every generated one).
ALTER TABLE "planned_workouts" ADD COLUMN "slot" text;--> statement-breakpoint
ALTER TABLE "planned_workouts" ADD CONSTRAINT "planned_workouts_slot_check" CHECK ("planned_workouts"."slot" is null or "planned_workouts"."slot" in ('am', 'pm'));
