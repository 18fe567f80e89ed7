// Officials holding a post in a region: in its party committee or government,
// or in a body (Organization) located in it.
// @param region  required  a region's name, e.g. 宝丰县
MATCH (o)-[f:HOLDS_POSITION]->(b)
WHERE b.name = $region OR EXISTS { MATCH (b)-[:LOCATED_IN]->(r) WHERE r.name = $region }
RETURN o.name AS official, f.title AS title, b.name AS body
ORDER BY body, title, official
