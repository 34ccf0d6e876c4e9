-- falling_terms: words whose use in a month fell most against all the months before it, the
-- mirror of emerging_terms: the same score (G2 of the month's count against the earlier
-- months', see g2.sql) for words used less than their earlier rate predicts. A falling word
-- may be missing from the month altogether, so the candidates are the words of the earlier
-- months, and the support is counted there: the earlier rate must predict at least 5 uses in
-- the month (baseline >= 5) from at least 2 earlier articles. Only reportable words.
CREATE OR REPLACE VIEW falling_terms AS
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
), used AS (
    -- each month a word was used, with its uses and articles up to then (an article is in one
    -- month, so articles add up) and the next month it was used
    SELECT month, term,
           sum(mentions) OVER upto AS mentions_upto, sum(articles) OVER upto AS articles_upto,
           lead(month) OVER next AS next_month, lead(mentions) OVER next AS next_mentions
    FROM per_term
    WINDOW upto AS (PARTITION BY term ORDER BY month ROWS UNBOUNDED PRECEDING),
           next AS (PARTITION BY term ORDER BY month)
), history AS (
    -- every later month up to the word's next use: 0 uses in the months between
    SELECT m.month, u.term, m.words, m.words_before,
           CASE WHEN m.month = u.next_month THEN u.next_mentions ELSE 0 END AS mentions,
           u.mentions_upto AS before, u.articles_upto AS articles_before
    FROM used AS u JOIN months AS m
      ON m.month > u.month AND (m.month <= u.next_month OR u.next_month IS NULL)
), falling AS (
    SELECT month, term, mentions, before, words, words_before,
           g2(mentions, before, words, words_before) AS g2
    FROM history
    WHERE before * words / words_before >= 5 AND articles_before >= 2
      AND mentions / words < before / words_before
)
SELECT month, term, g2 AS score, mentions::BIGINT AS mentions,
       before * words / words_before AS baseline,
       row_number() OVER (PARTITION BY month ORDER BY g2 DESC, term)::INTEGER AS rank
FROM falling
QUALIFY rank <= 200;
