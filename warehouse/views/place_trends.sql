-- place_trends: mentions of each province-level unit per month (places, and organisations
-- named after a place, resolved to their province).
CREATE OR REPLACE VIEW place_trends AS
SELECT date_trunc('month', pub_date)::DATE AS month, province,
       sum(count)::BIGINT AS mentions, count(DISTINCT article_id)::BIGINT AS articles
FROM entities
WHERE pub_date IS NOT NULL AND province IS NOT NULL AND province <> ''
GROUP BY ALL;
