"""Sets of jieba parts of speech, one per purpose (None: a word the dictionary lacks,
which in this text is most often a name)."""

from __future__ import annotations

# Proper or name-like words: what a trade name or a bare firm name is made of.
PROPER = frozenset({None, "nz", "ns", "nr", "nrt", "x"})
# ...and jieba calls some trade names time words (星汉).
TRADE_NAME = PROPER | {"t"}
# A word that makes a stretch of text a name: proper, foreign, an abbreviation.
NAMELIKE = frozenset({None, "nz", "eng", "nr", "ns", "nt", "nrt", "j", "x"})
# A single dictionary word that names a project alone (问题项目 and 深化项目 do not).
NAME_WORD = frozenset({None, "nz", "ns", "nr", "nrt", "nt", "eng", "x"})
# Dictionary proper nouns only (a known place, person, body or other name).
PROPER_NOUN = frozenset({"ns", "nz", "nr", "nt"})
# Prepositions, conjunctions, particles, pronouns, adverbs: they end a name.
STOP = frozenset({"p", "c", "u", "r", "d"})
# A project name never starts with a verb, adverb, idiom or pronoun: 做好…项目,
# 紧盯…项目 and 高度重视…项目 are verb phrases whose object is 项目.
BAD_FIRST = frozenset({"v", "vd", "vn", "z", "l", "uv", "a", "ad", "d", "r", "p", "c"})
# What starts a clause after its subject (信州区|举行…): a verb, an adverb, a preposition.
CLAUSE_FIRST = frozenset({"v", "vd", "d", "ad", "p"})
# A team name starts as a project name does, and not with a number or place word
# either (一项目一分包一专班, 中…专班).
BAD_FIRST_TEAM = BAD_FIRST | {"m", "f", "b"}
# What may follow a trade name in running text: a verb, an adjective, an adverb,
# a preposition (a noun after it is its product: 顺酐, 氢气).
AFTER_FIRM = frozenset({"v", "vn", "a", "ad", "d", "p"})
# A word that is no place name's stem: a verb or function word (加快乡).
VERBISH = frozenset({"v", "vd", "vn", "ad", "d", "p", "c", "u", "r", "m"})
