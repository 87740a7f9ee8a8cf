CREATE OR REPLACE VIEW ${view} AS
WITH status_set AS (
    SELECT `ticket_id`, `status`, `performed_at`, `export_day`, `export_position`,
           LAG(`status`) OVER (PARTITION BY `ticket_id` ORDER BY `performed_at`, `export_day`, `export_position`) AS previous_status
    FROM ${activities}
    WHERE `ticket_id` IS NOT NULL AND `status` IS NOT NULL AND `performed_at` IS NOT NULL
), stays AS (
    SELECT `ticket_id`, `status`, `performed_at` AS entered,
           LEAD(`performed_at`) OVER (PARTITION BY `ticket_id` ORDER BY `performed_at`, `export_day`, `export_position`) AS `left`
    FROM status_set
    WHERE previous_status IS NULL OR previous_status != `status`
)
SELECT `ticket_id`, `status`, entered, `left`, TIMESTAMP_DIFF(`left`, entered, SECOND) AS seconds FROM stays
