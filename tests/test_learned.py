"""The learned artefacts: shipped, loaded offline, and used."""

import json
from importlib import resources

import pytest

import rag
from rag.search import RetrievalSettings
from rag.search.confidence import FEATURES, load_model
from tests.conftest import PassagesRetriever
from tests.helpers.records import TRAVEL_ANSWER


def test_the_fusion_weights_are_the_learned_ones():
    learned = json.loads(resources.files("rag.data").joinpath("ranking.json").read_text())
    settings = RetrievalSettings()
    assert (settings.dense_weight, settings.lexical_weight, settings.question_weight) == (
        learned["dense_weight"],
        learned["lexical_weight"],
        learned["question_weight"],
    )


def test_the_confidence_model_rises_with_the_evidence():
    model = load_model()
    assert model is not None and set(model.weights) == set(FEATURES)
    weak = dict.fromkeys(FEATURES, 0.1) | {"out_of_scope": 0.0}
    strong = dict.fromkeys(FEATURES, 0.8) | {"out_of_scope": 0.0}
    assert model.probability(weak) < model.decline_below < model.probability(strong)
    assert model.probability(strong | {"out_of_scope": 1.0}) < model.probability(strong)


def test_a_model_learned_on_another_embedders_similarities_is_not_applied(retriever):
    found = retriever.search(retriever.understand("home to school transport"), k=3)
    assert retriever.embedder.model_id != load_model().embedding_model  # the fake embedder
    assert found.confidence is None and found.answerable is None


@pytest.mark.slow
def test_retrieval_says_how_likely_an_answer_is(real_retriever):
    def search(text):
        return real_retriever.search(real_retriever.understand(text), k=5)

    answered = search("How long can the council take to finish an EHC needs assessment?")
    declined = search("How do I get my son to sleep through the night without melatonin?")
    assert answered.answerable is True and declined.answerable is False
    assert 0.0 <= declined.confidence < load_model().decline_below <= answered.confidence <= 1.0


class Declining(PassagesRetriever):
    def search(self, question, *, k=5, filters=None):
        from dataclasses import replace

        return replace(
            super().search(question, k=k, filters=filters), confidence=0.1, answerable=False
        )


def test_the_answer_step_declines_when_the_search_is_not_confident():
    from rag.source import Passage

    passage = Passage(text=TRAVEL_ANSWER.answer_text, score=0.95, source=TRAVEL_ANSWER)
    question = "Must the council arrange free travel to school?"
    assert not rag.answer(question, retriever=PassagesRetriever([passage])).abstained
    reply = rag.answer(question, retriever=Declining([passage]))
    assert reply.abstained and reply.citations == []
