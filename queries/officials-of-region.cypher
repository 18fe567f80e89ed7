// Officials holding a post in a region: in its party committee or government,
// or in a body (Organization) located in it; the regions under it count too.
// @param region  required  a region's name, e.g. 宝丰县
MATCH (o)-[f:HOLDS_POSITION]->(b)
WHERE EXISTS { MATCH (b)-[:LOCATED_IN*0..1]->()-[:PART_OF*0..]->(top {name: $region}) }
RETURN DISTINCT o.name AS official, f.title AS title, b.name AS body
ORDER BY body, title, official
