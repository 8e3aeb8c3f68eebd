-- Cases recorded before status_since existed: when they entered their current status, from their events.
UPDATE `cases` SET `status_since` = coalesce(
  (SELECT max(`observed_at`) FROM `case_events` WHERE `case_events`.`case_id` = `cases`.`id` AND `case_events`.`to_status` = `cases`.`status`),
  `filed_at`
) WHERE `status_since` IS NULL;
