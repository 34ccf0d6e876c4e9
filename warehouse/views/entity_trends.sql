-- entity_trends: monthly mentions of every person, place and organisation, by the name trends
-- count it under (entity_names: rules, then the lake's aliases). share = mentions / all words
-- written that month, the denominator of term_trends.share, so a name and a word compare.
CREATE OR REPLACE VIEW entity_trends AS
WITH per_month AS (
    SELECT date_trunc('month', pub_date)::DATE AS month, sum(n_words)::BIGINT AS words
    FROM live_articles
    WHERE pub_date IS NOT NULL
    GROUP BY ALL
), per_name AS (
    SELECT date_trunc('month', pub_date)::DATE AS month, type, name AS normalized,
           sum(count)::BIGINT AS mentions, count(DISTINCT article_id)::BIGINT AS articles
    FROM entity_names
    WHERE pub_date IS NOT NULL
    GROUP BY ALL
)
SELECT e.month, e.type, e.normalized, e.mentions, e.articles, e.mentions / m.words AS share
FROM per_name AS e JOIN per_month AS m USING (month);
