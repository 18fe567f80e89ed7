// Officials and what they hold or lead: posts (HOLDS_POSITION, with the title)
// and task forces, projects or bodies they head (LEADS).
// @param region  optional  the region the officials belong to, e.g. 宝丰县
MATCH (o:Official)-[f:HOLDS_POSITION|LEADS]->(t)
WHERE $region IS NULL OR o.scope = $region
RETURN o.name AS official, type(f) AS relation, f.title AS title, t.name AS target,
       labels(t)[0] AS target_type, o.scope AS scope
ORDER BY scope, official, relation, title, target
