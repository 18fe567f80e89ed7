// Visits and inspections (VISITED): who went where, with the article's date.
// @param official  optional  an official's name, e.g. 王代强
MATCH (o)-[f:VISITED]->(t)
WHERE $official IS NULL OR o.name = $official
MATCH (d:Document)
WHERE d.id IN f.prov_document AND d.title IS NOT NULL
RETURN o.name AS name, t.name AS target, labels(t)[0] AS target_type, d.date AS date,
       d.title AS document
ORDER BY name, target, document
