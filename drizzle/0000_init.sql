CREATE TABLE `batch_chunks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`chunk_index` integer NOT NULL,
	`step` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batch_chunks_batch_index` ON `batch_chunks` (`batch_id`,`chunk_index`);--> statement-breakpoint
CREATE TABLE `batch_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`listing_id` integer NOT NULL,
	`chunk_index` integer NOT NULL,
	`outcome` text DEFAULT 'pending' NOT NULL,
	`case_number` text,
	`refusal_reason` text,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batch_items_batch_listing` ON `batch_items` (`batch_id`,`listing_id`);--> statement-breakpoint
CREATE INDEX `batch_items_listing` ON `batch_items` (`listing_id`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requested_by` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text,
	`source` text NOT NULL,
	`source_ref` text,
	`ipr_reg_no` text,
	`reason` text NOT NULL,
	`chunk_limit` integer NOT NULL,
	`status` text DEFAULT 'awaiting_approval' NOT NULL,
	`approved_by` text,
	`approved_at` text,
	`cancelled_by` text,
	`intake_report` text NOT NULL,
	`error` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batches_source_ref_unique` ON `batches` (`source_ref`);--> statement-breakpoint
CREATE INDEX `batches_status` ON `batches` (`status`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`detail` text,
	`observed_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_observed` ON `case_events` (`observed_at`);--> statement-breakpoint
CREATE INDEX `case_events_case` ON `case_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_number` text NOT NULL,
	`listing_id` integer NOT NULL,
	`ipr_reg_no` text NOT NULL,
	`supplier` text,
	`platform` text NOT NULL,
	`status` text NOT NULL,
	`status_text` text,
	`complaint_date` text NOT NULL,
	`filed_at` text NOT NULL,
	`closed_at` text,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_listing` ON `cases` (`case_number`,`listing_id`);--> statement-breakpoint
CREATE INDEX `cases_status` ON `cases` (`status`);--> statement-breakpoint
CREATE INDEX `cases_listing` ON `cases` (`listing_id`);--> statement-breakpoint
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`period_key` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`status` text DEFAULT 'posting' NOT NULL,
	`message_ts` text,
	`summary` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_channel_period` ON `digests` (`channel`,`period_key`);--> statement-breakpoint
CREATE TABLE `iprs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reg_no` text NOT NULL,
	`name` text NOT NULL,
	`owner` text NOT NULL,
	`type` text NOT NULL,
	`region` text DEFAULT 'Mainland China' NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`auth_from` text,
	`auth_to` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`portal_note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `iprs_reg_no_unique` ON `iprs` (`reg_no`);--> statement-breakpoint
CREATE TABLE `listings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`item_id` text NOT NULL,
	`url` text NOT NULL,
	`title` text,
	`seller` text,
	`price` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `listings_platform_item` ON `listings` (`platform`,`item_id`);--> statement-breakpoint
CREATE INDEX `listings_url` ON `listings` (`url`);