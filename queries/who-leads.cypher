// Officials and what they hold or lead: posts (HOLDS_POSITION, with the title)
// and task forces, projects or bodies they head (LEADS).
// @param region  optional  the region the officials belong to (and the regions under it), e.g. 宝丰县
// The scopes under REGION are gathered once: walking up from each official's
// scope instead matched it by name (no index) for every fact: 10 s at 100k facts.
CALL {
  // REGION, a region under it (PART_OF, any depth) or a body in one
  OPTIONAL MATCH (top {name: $region})<-[:PART_OF*0..]-()<-[:LOCATED_IN*0..1]-(s:Region|Organization|TaskForce)
  RETURN collect(DISTINCT s.name) AS scopes
}
MATCH (o:Official)-[f:HOLDS_POSITION|LEADS]->(t)
WHERE $region IS NULL OR o.scope IN scopes
RETURN o.name AS official, type(f) AS relation, f.title AS title, t.name AS target,
       labels(t)[0] AS target_type, o.scope AS scope
ORDER BY scope, official, relation, title, target
