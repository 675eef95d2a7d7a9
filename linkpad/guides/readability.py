"""Flesch reading ease, to keep the guides' own wording plain.

Written here because textstat, the maintained library, now loads its pronouncing dictionary from the
network at run time (through NLTK), which Linkpad's machines and CI cannot do. Syllables are counted
by the usual vowel-group rule, which is close enough to rank wording: 60 and above reads easily.
"""

import re

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)")


def syllables(word: str) -> int:
    """Syllables in one English word, by vowel groups, less a silent final e.

    >>> [syllables(w) for w in ("cat", "money", "family", "make", "little", "advice", "the")]
    [1, 2, 3, 1, 2, 2, 1]
    """
    word = word.lower().split("'")[0]
    groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(groups, 1)


def flesch_reading_ease(text: str) -> float:
    """206.835 - 1.015 x words per sentence - 84.6 x syllables per word.

    >>> round(flesch_reading_ease("The cat sat on the mat."), 1)
    116.1
    >>> flesch_reading_ease("Notwithstanding the aforementioned considerations, eligibility determination "
    ...     "necessitates comprehensive documentation.") < 0
    True
    """
    words = WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(len(SENTENCE_END.findall(text.strip() + " ")), 1)
    total = sum(syllables(word) for word in words)
    return 206.835 - 1.015 * len(words) / sentences - 84.6 * total / len(words)
