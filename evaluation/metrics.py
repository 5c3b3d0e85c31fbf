"""Question sets and the retrieval metrics: hit@5, MRR@10, recall@10."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag import RagError
from rag.text import normalise

Ranker = Callable[[str, dict[str, Any]], list[str]]  # question, filters -> source keys


@dataclass(frozen=True)
class EvalItem:
    qid: str
    kind: str
    question: str
    filters: dict[str, Any]
    gold: frozenset[str]
    expect_abstain: bool
    must_mention: tuple[str, ...] = ()  # facts a good answer states, in the source's words
    # to decline only because no answer covers the place, year or figure it names: the
    # same kind of question as answerable ones (eval/README.md)
    near_miss: bool = False


@dataclass
class Scores:
    hits5: list[float] = field(default_factory=list)
    rr10: list[float] = field(default_factory=list)
    recall10: list[float] = field(default_factory=list)

    def add(self, ranked: Sequence[str], gold: frozenset[str]) -> None:
        self.hits5.append(float(any(k in gold for k in ranked[:5])))
        first = next((i for i, k in enumerate(ranked[:10], 1) if k in gold), None)
        self.rr10.append(1.0 / first if first else 0.0)
        self.recall10.append(len(gold & set(ranked[:10])) / len(gold))

    @property
    def hit5(self) -> float:
        return statistics.mean(self.hits5)

    @property
    def mrr10(self) -> float:
        return statistics.mean(self.rr10)

    def row(self) -> str:
        return f"{self.hit5:6.3f} {self.mrr10:7.3f} {statistics.mean(self.recall10):9.3f}"


def states(text: str, fact: str) -> bool:
    """Whether ``text`` states a ``must_mention`` fact word for word (white space, curly
    apostrophes and case aside): how every report and learner counts facts stated."""
    return normalise(fact).casefold() in normalise(text).casefold()


def load_items(path: Path) -> list[EvalItem]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RagError(f"{path}: cannot read the question set ({e})") from e
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            items.append(
                EvalItem(
                    qid=str(d.get("qid", n)),
                    kind=d.get("kind", "unknown"),
                    question=d["question"],
                    filters=d.get("filters") or {},
                    gold=frozenset(_key(i) for i in d.get("gold_ids", [])),
                    expect_abstain=bool(d.get("expect_abstain")),
                    must_mention=tuple(d.get("must_mention") or ()),
                    near_miss=bool(d.get("near_miss")),
                )
            )
        except (json.JSONDecodeError, KeyError) as e:
            raise RagError(f"{path}:{n}: not an evaluation item ({e})") from e
    return items


def _key(gold_id: int | str) -> str:
    """A record's key: API ids are numbers; a saved page is named "page:<file stem>"."""
    return str(gold_id) if str(gold_id).startswith("page:") else f"wq:{gold_id}"


def score(ranker: Ranker, items: Sequence[EvalItem]) -> dict[str, Scores]:
    """Scores overall and by kind, over the items that have gold answers."""
    by_kind: dict[str, Scores] = defaultdict(Scores)
    for item in items:
        if item.expect_abstain or not item.gold:
            continue
        ranked = ranker(item.question, item.filters)
        by_kind["overall"].add(ranked, item.gold)
        by_kind[item.kind].add(ranked, item.gold)
    return by_kind


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank ``q`` quantile (0.95 for p95) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
