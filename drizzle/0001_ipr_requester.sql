ALTER TABLE `iprs` ADD `requested_by` text;--> statement-breakpoint
ALTER TABLE `iprs` ADD `request_channel` text;