-- entity_names: every row of entities with `name`, the name trends count it under. Rules
-- first: a person's name without the title printed after it (习近平同志, 习近平总书记 → 习近平),
-- an organisation without the country before it (中华人民共和国国务院 → 国务院); then the
-- lake's aliases (entity_aliases), an alias for one type before one for any type.
CREATE OR REPLACE VIEW entity_names AS
WITH ruled AS (
    SELECT *,
           CASE WHEN type = 'PER' AND regexp_matches(normalized, '^..+(同志|总书记|主席|总理|委员长|先生|女士)$')
                THEN regexp_replace(normalized, '(同志|总书记|主席|总理|委员长|先生|女士)$', '')
                WHEN type = 'ORG' AND normalized LIKE '中华人民共和国_%' THEN substr(normalized, 8)
                ELSE normalized END AS ruled_name
    FROM entities
)
SELECT r.* EXCLUDE (ruled_name), coalesce(typed.canonical, untyped.canonical, r.ruled_name) AS name
FROM ruled AS r
LEFT JOIN entity_aliases AS typed ON typed.type = r.type AND typed.alias = r.ruled_name
LEFT JOIN entity_aliases AS untyped ON untyped.type IS NULL AND untyped.alias = r.ruled_name;
