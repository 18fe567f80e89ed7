// Everything the graph says about one entity, named by its name or an alias.
// @param name  required  e.g. 宝丰县, 宝丰 or 王代强
MATCH (n)
WHERE n.name = $name OR $name IN n.aliases
MATCH (n)-[f]-(m)
WHERE type(f) <> 'MENTIONED_IN'
RETURN n.name AS entity, labels(n)[0] AS type, type(f) AS relation,
       CASE WHEN startNode(f) = n THEN 'out' ELSE 'in' END AS direction,
       m.name AS other, labels(m)[0] AS other_type, f.title AS title
ORDER BY entity, relation, direction, other, title
