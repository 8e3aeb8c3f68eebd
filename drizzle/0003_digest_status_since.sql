DROP INDEX `case_events_case_status`;--> statement-breakpoint
CREATE INDEX `case_events_first_seen` ON `case_events` (`observed_at`) WHERE "case_events"."from_status" is null;--> statement-breakpoint
DROP INDEX `cases_supplier_status`;--> statement-breakpoint
ALTER TABLE `cases` ADD `status_since` text;--> statement-breakpoint
CREATE INDEX `cases_status_since` ON `cases` (`status`,`status_since`);--> statement-breakpoint
CREATE INDEX `cases_filed_status_supplier` ON `cases` (`filed_at`,`status`,`supplier`);