// One project's, region's or official's facts in the order of their articles' dates
// (undated articles last), each with its sentence and citation, and the stage the
// article gives the project of the fact (signed, started, … in_production), if it gives one.
// @param name  required  e.g. 万荣县, 王代强 or 对位芳纶项目
// @param since  optional  only articles dated on or after this (kg query --since)
// @param until  optional  only articles dated on or before this (kg query --until)
MATCH (n)
WHERE n.name = $name OR $name IN n.aliases
MATCH (n)-[f]-()
WHERE type(f) <> 'MENTIONED_IN'
UNWIND range(0, size(f.prov_doc) - 1) AS i
WITH f, i, f.prov_document[i] AS doc_id
MATCH (d:Document {id: doc_id})
WITH f, i, d, toString(d.date) AS date, coalesce(d.publisher, d.source) AS by
WHERE ($since IS NULL OR date >= $since) AND ($until IS NULL OR date <= $until)
RETURN date, startNode(f).name AS subject, type(f) AS relation, endNode(f).name AS object,
       coalesce(f.title, f.kind) AS detail,
       CASE f.prov_project_stage[i] WHEN '' THEN null ELSE f.prov_project_stage[i] END AS stage,
       f.prov_text[i] AS sentence,
       coalesce(d.title, f.prov_doc[i]) + coalesce(' — ' + coalesce(by + ', ' + date, by, date), '')
         + coalesce(' — ' + d.url, '') AS cite
ORDER BY coalesce(date, '9999'), f.prov_doc[i], f.prov_start[i], relation, subject, object, detail
