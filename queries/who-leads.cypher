// Officials and what they hold or lead: posts (HOLDS_POSITION, with the title)
// and task forces, projects or bodies they head (LEADS).
// @param region  optional  the region the officials belong to (and the regions under it), e.g. 宝丰县
MATCH (o:Official)-[f:HOLDS_POSITION|LEADS]->(t)
// scoped to REGION, to a region under it (PART_OF, any depth) or to a body in one
WHERE $region IS NULL OR EXISTS {
  MATCH (s:Region|Organization|TaskForce {name: o.scope})-[:LOCATED_IN*0..1]->()-[:PART_OF*0..]->(top {name: $region}) }
RETURN o.name AS official, type(f) AS relation, f.title AS title, t.name AS target,
       labels(t)[0] AS target_type, o.scope AS scope
ORDER BY scope, official, relation, title, target
