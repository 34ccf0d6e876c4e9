-- reportable(term, is_stop): whether a word of `terms` may stand in a report's list of words:
-- not a stop word, at least two characters, and not a number, whether in digits (2022, ３.５%)
-- or in Chinese numerals (三万, 第一; the numerals tasks/enrich/terms.py counts as numbers).
-- The one rule behind emerging_terms, falling_terms, the HTML report and `baoku run`'s top words.
CREATE OR REPLACE MACRO reportable(term, is_stop) AS
    NOT is_stop AND length(term) >= 2
    AND NOT regexp_matches(term, '^([0-9０-９.%％]+|[零〇一二三四五六七八九十百千万亿两点第]+)$');
