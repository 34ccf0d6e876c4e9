-- term_trends: monthly use of every word (stop words out).
-- share = the word's mentions / all words written that month, so months of different size
-- compare. The articles in view and their word counts come from the lake's snapshot (one
-- small file), so asking for one term reads only that term's rows of `terms` (files are
-- sorted by term in small row groups, which prune) and no article file at all: the
-- answer's cost follows the term, not the size of the lake.
CREATE OR REPLACE VIEW term_trends AS
WITH live AS MATERIALIZED (
    SELECT article_id, run_id, date_trunc('month', pub_date)::DATE AS month, n_words
    FROM live_articles
    WHERE pub_date IS NOT NULL
), per_term AS (
    SELECT l.month, t.term, sum(t.count)::BIGINT AS mentions, count(DISTINCT t.article_id)::BIGINT AS articles
    FROM read_parquet('{lake}/terms/*/*.parquet', hive_partitioning = true,
                      hive_types = {'month': 'VARCHAR'}, union_by_name = true) AS t
    JOIN live AS l ON t.article_id = l.article_id AND t.run_id = l.run_id
    WHERE NOT t.is_stop
    GROUP BY ALL
), per_month AS (
    SELECT month, sum(n_words)::BIGINT AS words
    FROM live
    GROUP BY ALL
)
SELECT t.month, t.term, t.mentions, t.articles, t.mentions / m.words AS share
FROM per_term AS t JOIN per_month AS m USING (month);
