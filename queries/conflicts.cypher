// Facts that disagree: a project given two different investments of one kind
// (say, two totals), in one article or across articles; each with its sentence and citation.
// @param name  optional  one project's name, e.g. 河南(宝丰)新能源绿色循环产业园项目
// @param since  optional  only articles dated on or after this (kg query --since)
// @param until  optional  only articles dated on or before this (kg query --until)
MATCH (p)-[f:INVESTS]->(a)
WHERE ($name IS NULL OR p.name = $name)
  // another investment of the same kind, of another sum
  AND EXISTS { MATCH (p)-[g:INVESTS]->(b)
               WHERE coalesce(g.kind, '') = coalesce(f.kind, '')
                 AND (b.value <> a.value OR b.currency <> a.currency) }
UNWIND range(0, size(f.prov_doc) - 1) AS i
WITH p, f, a, i, f.prov_document[i] AS doc_id
MATCH (d:Document {id: doc_id})
WITH p, f, a, i, d, toString(d.date) AS date, coalesce(d.publisher, d.source) AS by
WHERE ($since IS NULL OR date >= $since) AND ($until IS NULL OR date <= $until)
RETURN p.name AS project, f.kind AS kind, a.text AS amount, a.value AS value, a.currency AS currency,
       date, f.prov_text[i] AS sentence,
       coalesce(d.title, f.prov_doc[i]) + coalesce(' — ' + coalesce(by + ', ' + date, by, date), '')
         + coalesce(' — ' + d.url, '') AS cite
ORDER BY project, kind, coalesce(date, '9999'), f.prov_doc[i], f.prov_start[i], value
