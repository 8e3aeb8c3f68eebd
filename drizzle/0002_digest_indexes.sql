CREATE INDEX `case_events_status_observed` ON `case_events` (`to_status`,`observed_at`);--> statement-breakpoint
CREATE INDEX `case_events_case_status` ON `case_events` (`case_id`,`to_status`,`observed_at`);--> statement-breakpoint
CREATE INDEX `cases_status_filed` ON `cases` (`status`,`filed_at`);--> statement-breakpoint
CREATE INDEX `cases_supplier_status` ON `cases` (`supplier`,`status`);