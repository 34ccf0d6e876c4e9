-- The report's questions to the lake's views, in the order the page shows the answers. Each
-- query is named by its `-- name:` line; values from outside go in as $parameters only.

-- name: overview
-- One row: the lake at a glance, for the page's header.
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT min(pub_date) FROM articles) AS first_date,
       (SELECT max(pub_date) FROM articles) AS last_date,
       (SELECT count(DISTINCT pub_date) FROM articles) AS days,
       (SELECT coalesce(sum(n_chars), 0) FROM articles) AS chars,
       (SELECT list(DISTINCT paper ORDER BY paper) FROM articles WHERE paper IS NOT NULL) AS papers,
       (SELECT count(*) FROM sources) AS files,
       (SELECT count(*) FROM sources WHERE status = 'rejected') AS rejected,
       (SELECT count(*) FROM runs) AS runs,
       (SELECT max(finished_at) FROM runs) AS last_run;

-- name: articles_per_day
-- A row per publication day, or per month when $monthly: the articles of that day or month.
SELECT CASE WHEN $monthly THEN date_trunc('month', pub_date)::DATE ELSE pub_date END AS day,
       count(*) AS articles
FROM articles
WHERE pub_date IS NOT NULL
GROUP BY day
ORDER BY day;

-- name: rising_terms
-- A row per month and rising word: the top $top of emerging_terms in every month.
SELECT month, term, score, mentions, baseline
FROM emerging_terms
WHERE rank <= $top
ORDER BY month DESC, rank;

-- name: falling_terms
-- A row per falling word of $month, the top $top of falling_terms.
SELECT term, score, mentions, baseline
FROM falling_terms
WHERE month = $month AND rank <= $top
ORDER BY rank;

-- name: frequent_terms
-- A row per word: the $top reportable words used most over the whole lake (term_trends holds
-- no stop words), for a trend chart before any month has a baseline.
SELECT term
FROM term_trends
WHERE reportable(term, false)
GROUP BY term
ORDER BY sum(mentions) DESC, term
LIMIT $top;

-- name: months
-- A row per month with articles: the trend chart's x axis.
SELECT DISTINCT date_trunc('month', pub_date)::DATE AS month
FROM articles
WHERE pub_date IS NOT NULL
ORDER BY month;

-- name: term_shares
-- A row per month in which one of the words $terms was used, with its share of the month.
SELECT month, term, share, mentions
FROM term_trends
WHERE term IN (SELECT unnest($terms::VARCHAR[]))
ORDER BY month, term;

-- name: province_map
-- A row per province-level unit of $provinces (full names): its mentions in the lake's latest
-- three months (by publication month) and in the three months before, each also per 10,000
-- words written in those months (the denominator of term_trends.share; NULL when those months
-- hold no article), with the months of the latest three that hold articles ('2022-12').
WITH words AS (
    SELECT date_trunc('month', pub_date)::DATE AS month, sum(n_words)::BIGINT AS words
    FROM live_articles
    WHERE pub_date IS NOT NULL
    GROUP BY ALL
), windows AS (
    SELECT month, words, month > latest - INTERVAL 3 MONTH AS shown
    FROM words, (SELECT max(month) AS latest FROM words)
    WHERE month > latest - INTERVAL 6 MONTH
), totals AS (
    SELECT sum(words) FILTER (WHERE shown) AS words_now,
           sum(words) FILTER (WHERE NOT shown) AS words_before,
           list(strftime(month, '%Y-%m') ORDER BY month) FILTER (WHERE shown) AS months
    FROM windows
), per_province AS (
    SELECT p.province, sum(p.mentions) FILTER (WHERE w.shown) AS now,
           sum(p.mentions) FILTER (WHERE NOT w.shown) AS before
    FROM place_trends AS p JOIN windows AS w USING (month)
    GROUP BY ALL
)
SELECT u.province,
       coalesce(p.now, 0)::BIGINT AS mentions_now,
       coalesce(p.now, 0) * 10000 / nullif(t.words_now, 0) AS rate_now,
       coalesce(p.before, 0)::BIGINT AS mentions_before,
       coalesce(p.before, 0) * 10000 / nullif(t.words_before, 0) AS rate_before,
       t.months
FROM (SELECT unnest($provinces::VARCHAR[]) AS province) AS u
CROSS JOIN totals AS t
LEFT JOIN per_province AS p USING (province)
ORDER BY rate_now DESC NULLS LAST, u.province;

-- name: reporters
-- A row per reporter and paper: the $top reporters with most articles over the whole lake.
SELECT reporter, paper, sum(articles) AS articles
FROM reporter_output
GROUP BY ALL
ORDER BY articles DESC, reporter
LIMIT $top;

-- name: speakers
-- A row per speaker (the entity, else the name, else the unnamed speaker's title): the $top
-- quoted most in the lake's latest three months, with the titles printed and the latest quote.
WITH recent AS (
    SELECT * FROM quotes
    WHERE pub_date >= (SELECT date_trunc('month', max(pub_date)) - INTERVAL 2 MONTH FROM quotes)
)
SELECT coalesce(speaker_entity, speaker, speaker_title) AS speaker,
       string_agg(DISTINCT nullif(speaker_title, ''), '；') AS titles,
       count(*) AS quotes, count(DISTINCT article_id) AS articles, max(pub_date) AS last_date,
       arg_max(quote, pub_date) AS latest
FROM recent
GROUP BY 1
ORDER BY quotes DESC, speaker
LIMIT $top;

-- name: rising_entities
-- A row per person, place or organisation rising in the latest month that has any: the top
-- $top of emerging_entities per type.
SELECT month, type, normalized, score, mentions, baseline
FROM emerging_entities
WHERE month = (SELECT max(month) FROM emerging_entities) AND rank <= $top
ORDER BY type, rank;

-- name: frequent_entities
-- A row per person or organisation: the $top named most over the whole lake (for the chart
-- before any month has a baseline).
SELECT normalized
FROM entity_trends
WHERE type IN ('PER', 'ORG')
GROUP BY normalized
ORDER BY sum(mentions) DESC, normalized
LIMIT $top;

-- name: entity_shares
-- A row per month in which one of the names $names was mentioned, with its share of the month.
SELECT month, normalized, sum(share) AS share, sum(mentions) AS mentions
FROM entity_trends
WHERE normalized IN (SELECT unnest($names::VARCHAR[]))
GROUP BY ALL
ORDER BY month, normalized;

-- name: reprints
-- A row per reprint group (reuse_clusters) printed in the lake's latest three months: the $top
-- spread widest (papers, then articles), with the headline of the first print.
WITH recent AS (
    SELECT * FROM reuse_clusters
    WHERE last_date >= (SELECT date_trunc('month', max(pub_date)) - INTERVAL 2 MONTH FROM articles)
)
SELECT a.headline, r.size, len(r.papers) AS n_papers, array_to_string(r.papers, '、') AS papers,
       r.first_paper, r.first_date, r.last_date, r.days
FROM recent AS r
JOIN articles AS a ON a.article_id = r.first_article_id
ORDER BY n_papers DESC, r.size DESC, r.first_date DESC, r.cluster_id
LIMIT $top;

-- name: pages
-- A row per paper, page and kind of item: how many articles it printed there.
SELECT paper, page, kind, count(*) AS articles
FROM articles
WHERE page IS NOT NULL
GROUP BY ALL
ORDER BY paper, page, kind;

-- name: runs
-- A row per committed run, oldest first.
SELECT run_id, kind, started_at, files_seen, files_new, files_skipped, files_rejected,
       articles_written, chars, seconds
FROM runs
ORDER BY started_at;

-- name: rejected_reasons
-- A row per reason a file was rejected, with how many files it holds back now.
SELECT error, count(*) AS files
FROM sources
WHERE status = 'rejected'
GROUP BY error
ORDER BY files DESC, error;

-- name: rejected_files
-- A row per rejected file, the first $limit by path.
SELECT source_path, error, run_id
FROM sources
WHERE status = 'rejected'
ORDER BY source_path
LIMIT $limit;

-- name: search_docs
-- The articles of the months $first..$last for the search box: id, date, paper, page,
-- headline and word count (BM25's document length, as the search() macro reads it).
SELECT a.article_id, a.pub_date, a.paper, a.page, a.headline, l.n_words
FROM articles AS a JOIN live_articles AS l USING (article_id, run_id)
WHERE a.pub_date BETWEEN $first AND last_day($last);

-- name: search_words
-- The words of those articles, stop words out, as the search() macro counts them.
SELECT article_id, term, sum(count) AS count
FROM terms
WHERE NOT is_stop AND pub_date BETWEEN $first AND last_day($last)
GROUP BY ALL;
