-- term_trends: monthly use of every word (stop words out).
-- share = the word's mentions / all words written that month, so months of different size
-- compare. Month totals come from articles.n_words (one row per article), so asking for one
-- term reads only that term's rows of `terms` (files are sorted by term: row groups prune).
CREATE OR REPLACE VIEW term_trends AS
WITH per_term AS (
    SELECT date_trunc('month', pub_date)::DATE AS month, term,
           sum(count)::BIGINT AS mentions, count(DISTINCT article_id)::BIGINT AS articles
    FROM terms
    WHERE pub_date IS NOT NULL AND NOT is_stop
    GROUP BY ALL
), per_month AS (
    SELECT date_trunc('month', pub_date)::DATE AS month, sum(n_words)::BIGINT AS words
    FROM articles
    WHERE pub_date IS NOT NULL
    GROUP BY ALL
)
SELECT t.month, t.term, t.mentions, t.articles, t.mentions / m.words AS share
FROM per_term AS t JOIN per_month AS m USING (month);
