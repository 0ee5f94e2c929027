"""Measure the name detector (engagekit.privacy.name_spans) on the labelled caption set.

The sets are tests/fixtures/privacy/captions.jsonl (the development set) and
captions_holdout.jsonl (written after the detector was frozen): synthetic captions, one JSON object
a line, ``{"lang": "en", "text": "...", "names": ["Giselle", "Aliyah"]}``, where
``names`` lists every personal name in the text (titles such as "Officer" left out).

Scoring is name-level: per caption, the detected names and the labelled names are
compared as multisets of exact strings; a detected name counts as a true positive
when it equals a labelled one. Precision is TP / detected, recall is TP / labelled,
summed over all captions. The detector is given no language (it guesses German by
itself), as for posts whose source says nothing about the language.

Run: ``python scripts/privacy_names.py`` (prints a Markdown table per set, then every miss).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import attrs

from engagekit.privacy import name_spans

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "privacy"
#: The labelled set the detector was developed against (the tests assert >= 0.9 on it).
CAPTIONS = FIXTURES / "captions.jsonl"
#: A smaller set written after the detector was frozen and never used to change it.
HOLDOUT = FIXTURES / "captions_holdout.jsonl"


@attrs.frozen
class Score:
    """Name-level counts for one group of captions."""

    captions: int = 0
    labelled: int = 0
    detected: int = 0
    correct: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other),
                                             strict=True)))

    @property
    def precision(self) -> float:
        return self.correct / self.detected if self.detected else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0


def load(path: Path = CAPTIONS) -> list[dict[str, object]]:
    """The labelled captions."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score_one(text: str, names: list[str]) -> tuple[Score, list[str], list[str]]:
    """The score of one caption, with its false positives and false negatives."""
    found = Counter(n.text for n in name_spans(text))
    wanted = Counter(names)
    correct = sum((found & wanted).values())
    score = Score(1, sum(wanted.values()), sum(found.values()), correct)
    return score, sorted((found - wanted).elements()), sorted((wanted - found).elements())


def evaluate(rows: list[dict[str, object]]) -> dict[str, Score]:
    """Scores by language, and ``"all"``."""
    by: dict[str, Score] = {}
    for row in rows:
        names = row["names"]
        assert isinstance(names, list)
        score, _, _ = score_one(str(row["text"]), [str(n) for n in names])
        lang = str(row["lang"])
        by[lang] = by.get(lang, Score()) + score
        by["all"] = by.get("all", Score()) + score
    return by


def table(scores: dict[str, Score]) -> str:
    """A Markdown table of the scores."""
    lines = ["| language | captions | labelled names | detected | correct | precision | recall |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for lang in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[lang]
        lines.append(f"| {lang} | {s.captions} | {s.labelled} | {s.detected} | {s.correct} "
                     f"| {s.precision:.3f} | {s.recall:.3f} |")
    return "\n".join(lines)


def main() -> None:
    holdout = load(HOLDOUT)
    rows = load()
    print(f"Development set ({CAPTIONS.name}):\n")
    print(table(evaluate(rows)))
    print(f"\nHeld-out set ({HOLDOUT.name}):\n")
    print(table(evaluate(holdout)))
    print("\nMisses and false alarms:")
    for row in rows + holdout:
        names = row["names"]
        assert isinstance(names, list)
        _, fp, fn = score_one(str(row["text"]), [str(n) for n in names])
        if fp or fn:
            print(f"  [{row['lang']}] FP={fp} FN={fn}: {row['text']}")


if __name__ == "__main__":
    main()
