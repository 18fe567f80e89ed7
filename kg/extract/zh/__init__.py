"""The Chinese-language layer every extraction component stands on, each idea once:

- ``lists``: a word list as a regex alternation, longest first;
- ``tokens``: jieba words and parts of speech (the per-article cut cache lives on the ArticleDoc);
- ``tags``: the part-of-speech sets, one per purpose;
- ``levels``: administrative levels in one order;
- ``money``: the grammar of a sum of money;
- ``spans``: where a name, a clause, a list item starts;
- ``places``: the division table, place names in text, zones and towns after a place;
- ``names``: company, task-force and industry names, 该县-style words.
"""
