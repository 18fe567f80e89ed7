// Projects a region carries out (IMPLEMENTS), with their investment, largest first.
// @param region  optional  a region's name (the regions under it count too), e.g. 宝丰县
MATCH (r)-[:IMPLEMENTS]->(p)
// REGION or a region under it (PART_OF, any depth); any region without REGION
WHERE $region IS NULL OR EXISTS { MATCH (r)-[:PART_OF*0..]->(top {name: $region}) }
OPTIONAL MATCH (p)-[f:INVESTS]->(a)
RETURN p.name AS project, a.value AS investment, a.currency AS currency, f.kind AS kind,
       a.text AS amount, r.name AS `where`
ORDER BY investment DESC, project, kind, `where`
