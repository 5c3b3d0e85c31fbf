"""Follow-up questions, scored: each dialogue's last message searched with its history,
alone, and as its written-out standalone question (``eval/dialogues.jsonl``).

Reports how many of the top five the follow-up shares with its written-out version
(with the history and without), hit@5 against the gold answers of the written-out
question, and whether the rules read each message right (a follow-up joined to what it
follows, a new topic left alone).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.metrics import load_items
from rag import RagError, Retriever

TOP = 5


@dataclass(frozen=True)
class Dialogue:
    did: str
    turns: tuple[str, ...]
    standalone: str
    changes_topic: bool
    filters: dict[str, Any]
    gold: frozenset[str]


def is_dialogue_file(path: Path) -> bool:
    first = next((line for line in path.read_text(encoding="utf-8").splitlines() if line), "")
    return '"turns"' in first


def load_dialogues(path: Path, gold_from: Sequence[Path]) -> list[Dialogue]:
    gold = {item.qid: item.gold for p in gold_from if p.exists() for item in load_items(p)}
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(
                Dialogue(
                    did=d["did"],
                    turns=tuple(d["turns"]),
                    standalone=d["standalone"],
                    changes_topic=bool(d.get("changes_topic")),
                    filters=d.get("filters") or {},
                    gold=gold.get(d.get("gold_qid") or "", frozenset()),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise RagError(f"{path}:{n}: not a dialogue ({e})") from e
    return out


def report(dialogues: Sequence[Dialogue], retriever: Retriever) -> None:
    rows: dict[str, list[tuple[float, float, float, float, float, bool]]] = {}
    for d in dialogues:
        history = [
            m
            for t in d.turns[:-1]
            for m in ({"role": "user", "content": t}, {"role": "assistant", "content": ""})
        ]
        last = d.turns[-1]
        asked = retriever.understand(last, history=history)
        with_history = _top(retriever, last, history, d.filters)
        alone = _top(retriever, last, [], d.filters)
        written = _top(retriever, d.standalone, [], d.filters)
        read_right = asked.follows_on != d.changes_topic
        hits = [float(bool(d.gold & set(r))) for r in (with_history, alone, written)]
        kind = "topic change" if d.changes_topic else "follow-up"
        rows.setdefault(kind, []).append(
            (_overlap(with_history, written), _overlap(alone, written), *hits, read_right)
        )
    print(
        f"{'dialogues':13} {'n':>3} {'overlap@5 with history':>22} {'alone':>6} "
        f"{'hit@5 with history':>18} {'alone':>6} {'written out':>11} {'read right':>10}"
    )
    for kind, r in rows.items():
        m = [statistics.mean(x[i] for x in r) for i in range(5)]
        print(
            f"{kind:13} {len(r):3d} {m[0]:22.2f} {m[1]:6.2f} {m[2]:18.3f} {m[3]:6.3f} "
            f"{m[4]:11.3f} {sum(x[5] for x in r):7d}/{len(r)}"
        )


def _top(
    retriever: Retriever, text: str, history: list[dict[str, str]], filters: dict[str, Any]
) -> list[str]:
    return [p.source.key for p in retriever.retrieve(text, k=TOP, history=history, **filters)]


def _top(
    retriever: Retriever, text: str, history: list[dict[str, str]], filters: dict[str, Any]
) -> list[str]:
    return [p.source.key for p in retriever.retrieve(text, k=TOP, history=history, **filters)]


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """How many of the top five two searches share, out of five."""
    return len(set(a[:TOP]) & set(b[:TOP])) / TOP
