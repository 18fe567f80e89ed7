// Task forces (专班, 领导小组, 工作组 ...) with where they sit, who leads them and their industry.
// @param region  optional  a region's name (the regions under it count too), e.g. 广元市
MATCH (t:TaskForce)
OPTIONAL MATCH (t)-[:LOCATED_IN]->(r)
WITH t, r, r.name AS located_in
// in REGION or in a region under it (PART_OF, any depth)
WHERE $region IS NULL OR (r IS NOT NULL AND EXISTS { MATCH (r)-[:PART_OF*0..]->(top {name: $region}) })
OPTIONAL MATCH (l)-[:LEADS]->(t)
OPTIONAL MATCH (t)-[:IN_INDUSTRY]->(i)
RETURN t.name AS taskforce, located_in, l.name AS leader, i.name AS industry
ORDER BY located_in, taskforce, leader, industry
