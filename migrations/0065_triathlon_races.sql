-- Triathlon races (issue 56, ADR 096): a format (sprint, olympic, half = 70.3, full) beside the sport; a
-- triathlon's distance_m is the total of its three legs, a run keeps its 1500 m – marathon range and no format.
ALTER TABLE "races" ADD COLUMN "format" text;--> statement-breakpoint
ALTER TABLE "races" DROP CONSTRAINT "races_sport_check";--> statement-breakpoint
ALTER TABLE "races" DROP CONSTRAINT "races_distance_check";--> statement-breakpoint
ALTER TABLE "races" ADD CONSTRAINT "races_sport_check" CHECK (("races"."sport" = 'run' and "races"."format" is null) or ("races"."sport" = 'triathlon' and "races"."format" in ('sprint', 'olympic', 'half', 'full')));--> statement-breakpoint
ALTER TABLE "races" ADD CONSTRAINT "races_distance_check" CHECK (("races"."sport" = 'run' and "races"."distance_m" between 1500 and 42616) or ("races"."sport" = 'triathlon' and "races"."distance_m" between 25750 and 226000));
