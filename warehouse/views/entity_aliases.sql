-- entity_aliases: the names to merge that no rule can know, one line each of LAKE/aliases.csv
-- (columns type, alias, canonical; type PER, LOC or ORG, or empty for any type), edited by
-- hand. Read at every query: an edit shows in entity_trends at once, with no run.
CREATE OR REPLACE VIEW entity_aliases AS
SELECT nullif(trim(type), '') AS type, trim(alias) AS alias, any_value(trim(canonical)) AS canonical
FROM read_csv('{lake}/aliases.csv', header = true, auto_detect = false, delim = ',', quote = '"',
              columns = {'type': 'VARCHAR', 'alias': 'VARCHAR', 'canonical': 'VARCHAR'})
WHERE nullif(trim(alias), '') IS NOT NULL AND nullif(trim(canonical), '') IS NOT NULL
GROUP BY ALL;
