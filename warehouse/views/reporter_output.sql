-- reporter_output: articles per reporter per month (a reporter is counted once per article).
CREATE OR REPLACE VIEW reporter_output AS
SELECT date_trunc('month', pub_date)::DATE AS month, reporter, paper,
       count(DISTINCT article_id)::BIGINT AS articles
FROM (SELECT pub_date, paper, article_id, unnest(reporters) AS reporter FROM articles)
WHERE pub_date IS NOT NULL AND reporter IS NOT NULL AND reporter <> ''
GROUP BY ALL;
