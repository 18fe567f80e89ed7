// Regions and their administrative parents (PART_OF); with REGION, the regions under it.
// @param region  optional  a region's name, e.g. 平顶山市
MATCH (c)-[:PART_OF]->(p)
WHERE $region IS NULL OR p.name = $region OR EXISTS { MATCH (p)-[:PART_OF*1..]->(top) WHERE top.name = $region }
RETURN DISTINCT c.name AS name, c.level AS level, p.name AS parent, p.level AS parent_level
ORDER BY parent, name
