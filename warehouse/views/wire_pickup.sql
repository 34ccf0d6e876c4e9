-- wire_pickup: one row per article of another paper that printed a reprint group's first
-- article (the story): which paper, when, how many days after the first print, and how it
-- was edited where the two were compared directly (kept_share: share of the story's text the
-- copy prints; added_share: share of the copy's text that is its own; NULL when the copy
-- reached the group through a third article).
CREATE OR REPLACE VIEW wire_pickup AS
WITH copies AS (
    SELECT c.first_article_id AS story_article_id, c.first_paper, c.first_date, m.article_id
    FROM reuse_members AS m
    JOIN reuse_clusters AS c USING (cluster_id)
    WHERE m.article_id <> c.first_article_id
)
SELECT k.story_article_id, a.paper, k.article_id, a.pub_date,
       date_diff('day', k.first_date, a.pub_date) AS days_after,
       a.headline IS DISTINCT FROM s.headline AS headline_changed,
       CASE WHEN r.article_a = k.story_article_id THEN r.share_a ELSE r.share_b END AS kept_share,
       1 - CASE WHEN r.article_a = k.article_id THEN r.share_a ELSE r.share_b END AS added_share
FROM copies AS k
JOIN articles AS a ON a.article_id = k.article_id
JOIN articles AS s ON s.article_id = k.story_article_id
LEFT JOIN reuse AS r ON r.article_a = least(k.story_article_id, k.article_id)
                    AND r.article_b = greatest(k.story_article_id, k.article_id)
WHERE a.paper <> k.first_paper;
