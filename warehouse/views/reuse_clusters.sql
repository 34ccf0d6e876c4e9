-- reuse_clusters: one row per reprint group (see reuse_members): how many articles, in which
-- papers, who printed it first and over how long. `days` counts the distinct days it was
-- printed on.
CREATE OR REPLACE VIEW reuse_clusters AS
SELECT m.cluster_id,
       count(*) AS size,
       list(DISTINCT a.paper ORDER BY a.paper) AS papers,
       arg_min(a.article_id, (a.pub_date, a.article_id)) AS first_article_id,
       arg_min(a.paper, (a.pub_date, a.article_id)) AS first_paper,
       min(a.pub_date) AS first_date,
       max(a.pub_date) AS last_date,
       count(DISTINCT a.pub_date) AS days
FROM reuse_members AS m
JOIN articles AS a USING (article_id)
GROUP BY m.cluster_id;
