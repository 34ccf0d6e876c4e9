-- reuse_members: one row per article that shares text with another: the reprint group it
-- belongs to. A group is a connected set of `reuse` pairs (A reprints B, C reprints A: one
-- group), worked out by spreading each article's id along the pairs and keeping the lowest;
-- cluster_id is that lowest article id.
CREATE OR REPLACE VIEW reuse_members AS
WITH RECURSIVE edges AS (
    SELECT article_a AS node, article_b AS other FROM reuse
    UNION ALL
    SELECT article_b, article_a FROM reuse
), reach (node, label) AS (
    SELECT DISTINCT node, node FROM edges
    UNION
    SELECT e.other, r.label FROM reach AS r JOIN edges AS e ON e.node = r.node
)
SELECT min(label) AS cluster_id, node AS article_id
FROM reach
GROUP BY node;
