-- live_articles: the key, date and word count of every article in view, from the newest
-- snapshot (see live_snapshot): what the other views keep rows by. One small file, however
-- many Parquet files the tables have.
CREATE OR REPLACE VIEW live_articles AS
SELECT a.article_id, run_id, source_id, pub_date, a.n_words
FROM (SELECT run_id, source_id, pub_date, unnest(articles) AS a FROM live_snapshot() WHERE status = 'ok');
