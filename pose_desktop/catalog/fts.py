"""Korean compounds in full-text search: syllable bigrams beside the words.

FTS5's unicode61 tokenizer keeps ``제주여행`` as one token, so a search for ``여행`` (travel)
misses it, and a prefix query only finds words that *start* with it. Korean hashtags are
compounds (``#강남맛집``, ``#오션뷰카페``), so the search table has a second column, ``grams``,
holding every two-syllable window of each Hangul run of three syllables or more, in order.
A Hangul query word is then found as a prefix of a word *or* as the phrase of its bigrams
(``여행`` → the bigram ``여행``; ``주여행`` → the phrase ``"주여 여행"``). English words match
whole words in singular or plural (``dog`` finds "dogs", not "dogsled"); other words keep
their prefix search on the word column.
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


_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")


def word_forms(word: str) -> list[str]:
    """A Latin-script word and its singular/plural partner, lower case: dogs -> dogs, dog;
    puppy -> puppy, puppies; glass -> glass, glasses (other words: just the word)."""
    w = word.lower()
    forms = [w]
    if not (w.isascii() and w.isalpha()):
        return forms
    if len(w) > 3 and w.endswith("ies"):
        forms.append(w[:-3] + "y")
    elif len(w) > 3 and w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh")):
        forms.append(w[:-2])
    elif len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        forms.append(w[:-1])
    elif len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        forms.append(w[:-1] + "ies")
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(w + "es")
    else:
        forms.append(w + "s")
    return forms


def word_query(word: str) -> str:
    """The FTS5 query of one user word. A Latin-script word (letters, digits) matches whole
    words only, singular or plural: "dog" finds "dog" and "dogs", never "dogsled". Hangul of
    two syllables or more: a prefix of a word, or the phrase of its bigrams inside a
    compound. Anything else: a prefix of a word."""
    if _LATIN_WORD.fullmatch(word):
        return "(" + " OR ".join(_quoted(f) for f in word_forms(word)) + ")"
    prefix = _quoted(word) + "*"
    runs = _HANGUL_RUN.findall(word)
    if len(runs) != 1 or runs[0] != word:
        return prefix
    return f"(text : {prefix} OR grams : {_quoted(' '.join(bigrams(word)))})"
