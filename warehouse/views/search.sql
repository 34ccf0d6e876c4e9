-- search(query, date_from, date_to, paper, top): the articles in view ranked by BM25 (k1 1.2,
-- b 0.75) for `query`: words separated by spaces ("，" and full-width spaces count as spaces),
-- "quoted phrases" (also “…”), and either with a leading - to exclude the articles holding it.
-- A word is looked up in `terms` as segmented (新就业形态 is three words there: write it as a
-- phrase); a phrase is found in the printed text (kicker, headline, subheadline, body) and
-- counted as one word. An article matches when it holds any word or phrase not excluded.
-- date_from and date_to take a month (2023-01) or a day; N, the document frequencies and the
-- mean length are those of the articles within the filters. `baoku search` segments free text
-- and asks this macro, so both rank alike.
-- Why this is fast as the lake grows: `terms` is the inverted index (each run writes its own
-- articles' rows, sorted by term in small row groups, merged by compaction, never rebuilt), so
-- a word reads only its own row groups; phrases read the text of the months in range.
CREATE OR REPLACE MACRO search(query, date_from := NULL, date_to := NULL, paper := NULL, top := 100) AS TABLE
WITH checked AS (
    SELECT regexp_replace(translate(coalesce(CAST(query AS VARCHAR), ''), '“”「」，、　', '""""   '),
                          '\s+', ' ', 'g') AS q,
           CASE WHEN date_from IS NULL THEN DATE '0001-01-01'
                WHEN length(CAST(date_from AS VARCHAR)) = 7 THEN CAST(date_from || '-01' AS DATE)
                ELSE CAST(date_from AS DATE) END AS first_day,
           CASE WHEN date_to IS NULL THEN DATE '9999-12-31'
                WHEN length(CAST(date_to AS VARCHAR)) = 7 THEN last_day(CAST(date_to || '-01' AS DATE))
                ELSE CAST(date_to AS DATE) END AS last_day
), tokens AS MATERIALIZED (
    SELECT DISTINCT starts_with(t, '-') AS negated, contains(t, '"') AS phrase,
           CASE WHEN contains(t, '"') THEN lower(replace(ltrim(t, '-'), '"', ''))
                ELSE ltrim(t, '-') END AS token
    FROM (SELECT unnest(regexp_extract_all(q, '-?"[^"]*"?|[^\s"]+')) AS t FROM checked)
    WHERE replace(ltrim(t, '-'), '"', '') <> ''
      AND NOT (NOT contains(t, '"') AND ltrim(t, '-') IN {stopwords})
), problem AS (
    -- why the query cannot be searched, if it cannot (raised by the last branch of the result)
    SELECT CASE WHEN trim(any_value(c.q)) = ''
                THEN 'search: the query is empty: give words, "phrases" or -exclusions'
                WHEN length(any_value(c.q)) > 1000
                THEN 'search: the query has ' || length(any_value(c.q)) || ' characters; at most 1000'
                WHEN count(t.token) FILTER (WHERE NOT t.negated) = 0
                THEN 'search: nothing to look for in "' || left(any_value(c.q), 80)
                     || '": only stop words or exclusions (stop words: tasks/enrich/data/stopwords.txt)'
                END AS message
    FROM checked AS c LEFT JOIN tokens AS t ON true
), docs AS MATERIALIZED (
    SELECT l.a.article_id, l.run_id, l.pub_date, l.paper_name, l.page, l.a.n_words
    FROM (SELECT s.run_id, s.pub_date, s.paper AS paper_name, s.page, unnest(s.articles) AS a
          FROM live_snapshot() AS s WHERE s.status = 'ok') AS l, checked AS c
    WHERE (l.pub_date IS NULL AND date_from IS NULL AND date_to IS NULL
           OR l.pub_date BETWEEN c.first_day AND c.last_day)
      AND (paper IS NULL OR l.paper_name = paper)
), stats AS (
    SELECT count(*) AS n, avg(n_words) AS avgdl FROM docs
), word_hits AS (
    SELECT t.article_id, t.run_id, k.token, k.negated, t.count AS tf
    FROM read_parquet('{lake}/terms/*/*.parquet', hive_partitioning = true,
                      hive_types = {'month': 'VARCHAR'}, union_by_name = true) AS t
    JOIN tokens AS k ON t.term = k.token AND NOT k.phrase
    WHERE NOT t.is_stop
      -- bounds from the arguments themselves, constants the scan prunes month folders by
      AND (date_from IS NULL OR t.month >= left(CAST(date_from AS VARCHAR), 7))
      AND (date_to IS NULL OR t.month <= left(CAST(date_to AS VARCHAR), 7))
), phrase_hits AS (
    SELECT a.article_id, a.run_id, k.token, k.negated,
           (length(a.text) - length(replace(a.text, k.token, ''))) // length(k.token) AS tf
    FROM (SELECT article_id, run_id, lower(concat_ws(chr(10), kicker, headline, subheadline, body)) AS text
          FROM read_parquet('{lake}/articles/*/*.parquet', hive_partitioning = true,
                            hive_types = {'month': 'VARCHAR'}, union_by_name = true)
          WHERE (date_from IS NULL OR month >= left(CAST(date_from AS VARCHAR), 7))
            AND (date_to IS NULL OR month <= left(CAST(date_to AS VARCHAR), 7))
            AND EXISTS (SELECT 1 FROM tokens WHERE phrase)) AS a
    JOIN tokens AS k ON k.phrase AND contains(a.text, k.token)
), hits AS (
    SELECT h.article_id, h.token, h.negated, sum(h.tf) AS tf, any_value(d.n_words) AS n_words
    FROM (SELECT * FROM word_hits UNION ALL SELECT * FROM phrase_hits) AS h
    JOIN docs AS d ON d.article_id = h.article_id AND d.run_id = h.run_id
    GROUP BY ALL
), excluded AS (
    SELECT DISTINCT article_id FROM hits WHERE negated
), weighted AS (
    SELECT article_id, token, tf, n_words,
           ln(1 + ((SELECT n FROM stats) - count(*) OVER (PARTITION BY token) + 0.5)
                  / (count(*) OVER (PARTITION BY token) + 0.5)) AS idf
    FROM hits
    WHERE NOT negated AND article_id NOT IN (SELECT article_id FROM excluded)
), scored AS (
    SELECT article_id,
           sum(idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * n_words / (SELECT avgdl FROM stats)))) AS score
    FROM weighted
    GROUP BY article_id
    ORDER BY score DESC, article_id
    LIMIT top
)
SELECT * FROM (
    SELECT s.article_id, s.score, d.pub_date, d.paper_name AS paper, d.page, a.headline
    FROM scored AS s
    JOIN docs AS d USING (article_id)
    LEFT JOIN (SELECT article_id, run_id, headline
               FROM read_parquet('{lake}/articles/*/*.parquet', hive_partitioning = true,
                                 hive_types = {'month': 'VARCHAR'}, union_by_name = true)
               WHERE article_id IN (SELECT article_id FROM scored)) AS a
           ON a.article_id = s.article_id AND a.run_id = d.run_id
    -- a query that cannot be searched fails with its reason: a UNION ALL branch always runs
    UNION ALL
    SELECT CAST(error(message) AS VARCHAR), NULL, NULL, NULL, NULL, NULL FROM problem WHERE message IS NOT NULL
)
ORDER BY score DESC, article_id;
