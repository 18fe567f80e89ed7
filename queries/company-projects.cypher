// Companies and the projects they build, invest in or own (UNDERTAKES) or sign (SIGNED).
// @param company  optional  a company's name, e.g. 五星新材科技有限公司
MATCH (c:Company)-[r:UNDERTAKES|SIGNED]->(j:Project)
WHERE $company IS NULL OR c.name = $company
RETURN c.name AS name, type(r) AS relation, j.name AS project
ORDER BY name, relation, project
