"""Learn which sentences of an answer to quote: ``rag/data/quotes.json``.

A linear score over :data:`rag.answering.quotes.FEATURES` ranks an answer's sentences
for a question. Its weights are fitted (logistic regression) on the labelled questions
of the tune half and the dev set: a sentence of a gold answer is a positive when it
holds one of the question's ``must_mention`` facts, word for word. Five-fold
cross-validation reports how many facts the quotes the product makes (the lead quote
and the one sentence of each other answer, as ``AnswerSettings`` sets them) hold with
the hand-set weights and with the learned ones, weighing only the sentences of the
passage retrieval matched or every sentence; the better is written. Questions that
share a gold answer are kept in one fold (else a held-out answer was learned from).

Run: python -m evaluation.learn_quotes [--write] (needs a built index)
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from evaluation.metrics import load_items, states
from rag import Filters, Retriever
from rag.answering.quotes import FEATURES, HAND_SET, QuoteModel, SentencePicker
from rag.answering.settings import AnswerSettings
from rag.config import REPO_ROOT
from rag.index import base_model_id
from rag.search import Question, default_retriever
from rag.source import Source
from rag.text import sentences

TRAINING = ("tune_questions.jsonl", "tune2_questions.jsonl", "dev_questions.jsonl")
OUT = REPO_ROOT / "rag" / "data" / "quotes.json"
FOLDS = 5
SEED = 13


@dataclass
class Case:
    """One gold answer of one question that holds some of its facts."""

    qid: str
    question: Question
    source: Source
    passage: str  # the passage retrieval matched in it ("" when not retrieved)
    facts: tuple[str, ...]  # the question's facts this answer holds


def gather(retriever: Retriever) -> list[Case]:
    cases = []
    for name in TRAINING:
        for item in load_items(REPO_ROOT / "eval" / name):
            if item.expect_abstain or not item.must_mention:
                continue
            asked = retriever.understand(item.question)
            found = retriever.candidates(asked, Filters.of(item.filters).within(asked.period))
            passages = {c.key: c.passage for c in found}
            for key in sorted(item.gold):
                source = retriever.sources.get(key)
                if source is None:
                    continue
                said = sentences(source.answer_text)
                held = tuple(f for f in item.must_mention if any(states(s, f) for s in said))
                if held:
                    cases.append(Case(item.qid, asked, source, passages.get(key, ""), held))
    return cases


def sharing_an_answer(cases: Sequence[Case]) -> list[list[str]]:
    """The questions, grouped so that two sharing a gold answer are in one group."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for case in cases:  # a question and its gold answer are joined
        parent[root("q:" + case.qid)] = root("a:" + case.source.key)
    groups: dict[str, list[str]] = {}
    for qid in sorted({c.qid for c in cases}):
        groups.setdefault(root("q:" + qid), []).append(qid)
    return sorted(groups.values())


def labelled(cases: Sequence[Case], retriever: Retriever, passage_only: bool):
    """Per case: the features of the sentences weighed, and which hold a fact."""
    out = []
    for case in cases:
        picker = SentencePicker(case.question, retriever.embedder, QuoteModel({}, "", passage_only))
        said = sentences(case.source.answer_text)
        weighed, values = picker.features(said, case.passage)
        truth = [any(states(said[i], f) for f in case.facts) for i in weighed]
        out.append((values, np.asarray(truth, dtype=float)))
    return out


def fit(rows, passage_only: bool, embedding_model: str) -> QuoteModel:
    """Pairwise: within one answer, a sentence holding a fact against one that holds
    none (only the order within an answer matters, not a score across answers)."""
    pairs = [
        values[i] - values[j]
        for values, truth in rows
        for i in np.flatnonzero(truth)
        for j in np.flatnonzero(truth == 0)
    ]
    if not pairs:
        return QuoteModel(HAND_SET.weights, embedding_model, passage_only)
    diffs = np.vstack(pairs)
    values = np.vstack([diffs, -diffs])
    truth = np.concatenate([np.ones(len(diffs)), np.zeros(len(diffs))])
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000).fit(values, truth)
    weights = {name: round(float(w), 4) for name, w in zip(FEATURES, model.coef_[0], strict=True)}
    return QuoteModel(weights, embedding_model, passage_only)


def facts_quoted(cases: Sequence[Case], retriever: Retriever, model: QuoteModel) -> tuple[int, int]:
    """Facts held by the lead quote and by a one-sentence quote, over ``cases``."""
    settings = AnswerSettings()
    lead = one = 0
    for case in cases:
        picker = SentencePicker(case.question, retriever.embedder, model)
        quote = picker.quote(
            case.source, case.passage, settings.lead_sentences, max_words=settings.lead_words
        )
        lead += sum(states(quote, f) for f in case.facts)
        quote = picker.quote(case.source, case.passage, settings.sentences_per_source)
        one += sum(states(quote, f) for f in case.facts)
    return lead, one


def row(name: str, lead: int, one: int, total: int) -> str:
    return f"{name:34} {lead:5d} ({lead / total:4.0%}) {one:6d} ({one / total:4.0%})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args(argv)
    retriever = default_retriever()
    embedding_model = base_model_id(retriever.embedder)
    cases = gather(retriever)
    total = sum(len(c.facts) for c in cases)
    qids = sorted({c.qid for c in cases})
    groups = sharing_an_answer(cases)
    random.Random(SEED).shuffle(groups)
    fold_of = {q: n % FOLDS for n, group in enumerate(groups) for q in group}
    print(
        f"{len(cases)} gold answers of {len(qids)} questions hold {total} facts; "
        f"facts in the quotes, cross-validated ({FOLDS} folds; questions sharing a gold "
        f"answer, {len(groups)} groups, in one fold):"
    )
    print(f"{'weights':34} {'lead quote':>12} {'one sentence':>13}")
    best: tuple[int, bool] | None = None
    for passage_only in (True, False):
        where = "matched passage" if passage_only else "whole answer"
        hand = QuoteModel(HAND_SET.weights, embedding_model, passage_only)
        lead, one = facts_quoted(cases, retriever, hand)
        print(row(f"hand-set, {where}", lead, one, total))
        rows = labelled(cases, retriever, passage_only)
        lead = one = 0
        for fold in range(FOLDS):
            train = [r for r, c in zip(rows, cases, strict=True) if fold_of[c.qid] != fold]
            held = [c for c in cases if fold_of[c.qid] == fold]
            a, b = facts_quoted(held, retriever, fit(train, passage_only, embedding_model))
            lead, one = lead + a, one + b
        print(row(f"learned, {where}", lead, one, total))
        if best is None or lead > best[0]:
            best = (lead, passage_only)
    assert best is not None
    passage_only = best[1]
    model = fit(labelled(cases, retriever, passage_only), passage_only, embedding_model)
    print("weights learned on all:", json.dumps(dict(model.weights)))
    if args.write:
        OUT.write_text(
            json.dumps(
                {
                    "weights": dict(model.weights),
                    "embedding_model": embedding_model,
                    "passage_only": passage_only,
                    "trained_on": [f"eval/{name}" for name in TRAINING],
                    "questions": len(qids),
                    "facts": total,
                    "lead_quote_facts_cross_validated": best[0],
                },
                indent=1,
            )
            + "\n",
            "utf-8",
        )
        print(f"wrote {OUT.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
