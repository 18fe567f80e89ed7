"""Industries: a project whose name carries an industry keyword
(schema/lexicons/industries.txt) is IN_INDUSTRY that industry. A company's name
is not enough (一家X食品有限公司 says what it is called, not which chain the text
puts it in): the contract asks for the text to tie a firm to its industry. (A task force's
industry, which its name may also give as 'X产业', is the taskforces component's.)"""

from __future__ import annotations

from kg.extract.base import component
from kg.extract.doc import ArticleDoc
from kg.extract.zh.names import industry_of


@component("industries", requires=("mentions:Project",))
def run(doc: ArticleDoc) -> None:
    for i in range(len(doc.sentences)):
        for m in doc.mentions[i]:
            if m.ref.type == "Project":
                industry = industry_of(m.ref.name, stem_rule=False)
                if industry:
                    doc.emit(m.ref, "IN_INDUSTRY", industry, rule="keyword", at=i)
