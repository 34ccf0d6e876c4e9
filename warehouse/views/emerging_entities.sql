-- emerging_entities: people, places and organisations whose mentions in a month rose most
-- against all the months before it: the statistic of emerging_terms (Dunning's G2 of the
-- month's mentions against the earlier months', each over its months' words, see g2.sql), per
-- type. Only names mentioned at least 5 times and in at least 2 articles that month; months
-- with no earlier month are left out.
CREATE OR REPLACE VIEW emerging_entities AS
WITH per_month AS (
    SELECT date_trunc('month', pub_date)::DATE AS month, sum(n_words)::DOUBLE AS words
    FROM live_articles WHERE pub_date IS NOT NULL GROUP BY ALL
), months AS (
    SELECT month, words,
           coalesce(sum(words) OVER (ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS words_before
    FROM per_month
), history AS (
    SELECT month, type, normalized, mentions::DOUBLE AS mentions, articles,
           coalesce(sum(mentions) OVER (PARTITION BY type, normalized ORDER BY month
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::DOUBLE AS before
    FROM entity_trends
), rising AS (
    SELECT h.month, h.type, h.normalized, h.mentions, h.before, m.words, m.words_before,
           g2(h.mentions, h.before, m.words, m.words_before) AS g2
    FROM history AS h JOIN months AS m USING (month)
    WHERE m.words_before > 0 AND h.mentions >= 5 AND h.articles >= 2
      AND h.mentions / m.words > h.before / m.words_before
)
SELECT month, type, normalized, g2 AS score, mentions::BIGINT AS mentions,
       before * words / words_before AS baseline,
       row_number() OVER (PARTITION BY month, type ORDER BY g2 DESC, normalized)::INTEGER AS rank
FROM rising
QUALIFY rank <= 200;
