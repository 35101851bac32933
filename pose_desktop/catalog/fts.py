"""Korean compounds in full-text search: syllable bigrams beside the words.

FTS5's unicode61 tokenizer keeps ``제주여행`` as one token, so a search for ``여행`` (travel)
misses it, and a prefix query only finds words that *start* with it. Korean hashtags are
compounds (``#강남맛집``, ``#오션뷰카페``), so the search table has a second column, ``grams``,
holding every two-syllable window of each Hangul run of three syllables or more, in order.
A Hangul query word is then found as a prefix of a word *or* as the phrase of its bigrams
(``여행`` → the bigram ``여행``; ``주여행`` → the phrase ``"주여 여행"``), while other words
keep their prefix search on the word column.
"""

from __future__ import annotations

import re

_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]{2,}")


def bigrams(word: str) -> list[str]:
    """The two-syllable windows of a Hangul run: 제주여행 → 제주, 주여, 여행."""
    return [word[i:i + 2] for i in range(len(word) - 1)]


def grams_of(text: str) -> str:
    """The ``grams`` column of a search row: bigrams of each Hangul run of 3+ syllables
    (a two-syllable word is whole in the word column already)."""
    return " ".join(" ".join(bigrams(run)) for run in _HANGUL_RUN.findall(text or "")
                    if len(run) >= 3)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def word_query(word: str) -> str:
    """The FTS5 query of one user word: a prefix of a word, or for Hangul of two syllables or
    more also the phrase of its bigrams inside a compound."""
    prefix = _quoted(word) + "*"
    runs = _HANGUL_RUN.findall(word)
    if len(runs) != 1 or runs[0] != word:
        return prefix
    return f"({prefix} OR grams : {_quoted(' '.join(bigrams(word)))})"
