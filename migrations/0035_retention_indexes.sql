CREATE INDEX "deletion_receipts_created_idx" ON "deletion_receipts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "login_throttle_last_failure_idx" ON "login_throttle" USING btree ("last_failure_at");--> statement-breakpoint
CREATE INDEX "notification_deliveries_finished_idx" ON "notification_deliveries" USING btree ("updated_at") WHERE "notification_deliveries"."status" in ('sent', 'skipped', 'failed');--> statement-breakpoint
CREATE INDEX "notification_events_created_idx" ON "notification_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notifications_created_idx" ON "notifications" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "oauth_states_consumed_idx" ON "oauth_states" USING btree ("consumed_at");--> statement-breakpoint
CREATE INDEX "password_reset_tokens_expires_idx" ON "password_reset_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "stripe_events_payload_retention_idx" ON "stripe_events" USING btree ("received_at") WHERE "stripe_events"."payload" <> '{}'::jsonb;--> statement-breakpoint
CREATE INDEX "webhook_events_payload_retention_idx" ON "webhook_events" USING btree ("received_at") WHERE "webhook_events"."payload" <> '{}'::jsonb;