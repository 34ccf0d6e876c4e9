-- emerging_terms: words whose use in a month rose most against all the months before it.
-- score = signed log-likelihood (Dunning's G2, see g2.sql) of the month's count against the
-- earlier months' count, each over its own total: large only when a rise is both big and well
-- supported, so a month with few articles cannot put a rare word on top. Months with no
-- earlier month have no baseline and are left out. Only reportable words (reportable.sql), and
-- only those seen at least 5 times and in at least 2 articles that month.
CREATE OR REPLACE VIEW emerging_terms AS
WITH per_term AS (
    SELECT date_trunc('month', pub_date)::DATE AS month, term,
           sum(count)::DOUBLE AS mentions, count(DISTINCT article_id) AS articles
    FROM terms
    WHERE pub_date IS NOT NULL AND reportable(term, is_stop)
    GROUP BY ALL
), per_month AS (
    SELECT date_trunc('month', pub_date)::DATE AS month, sum(count)::DOUBLE AS words
    FROM terms WHERE pub_date IS NOT NULL GROUP BY ALL
), months AS (
    SELECT month, words,
           coalesce(sum(words) OVER (ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS words_before
    FROM per_month
), history AS (
    SELECT month, term, mentions, articles,
           coalesce(sum(mentions) OVER (PARTITION BY term ORDER BY month
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
    FROM per_term
), rising AS (
    SELECT h.month, h.term, h.mentions, h.before, m.words, m.words_before,
           g2(h.mentions, h.before, m.words, m.words_before) AS g2
    FROM history AS h JOIN months AS m USING (month)
    WHERE m.words_before > 0 AND h.mentions >= 5 AND h.articles >= 2
      AND h.mentions / m.words > h.before / m.words_before
)
SELECT month, term, g2 AS score, mentions::BIGINT AS mentions,
       before * words / words_before AS baseline,
       row_number() OVER (PARTITION BY month ORDER BY g2 DESC, term)::INTEGER AS rank
FROM rising
QUALIFY rank <= 200;
