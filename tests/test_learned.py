"""The learned artefacts: shipped, loaded offline, and used."""

import json
from importlib import resources

import numpy as np
import pytest

import rag
from evaluation.learn_quotes import fit
from rag.answering.quotes import FEATURES as QUOTE_FEATURES
from rag.answering.quotes import HAND_SET, SentencePicker, load_quote_model
from rag.answering.support import SentenceChecker, load_support_model
from rag.index import same_model
from rag.search import RetrievalSettings, understand
from rag.search.confidence import FEATURES, QUESTION_KIND, load_model
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
    assert model is not None and set(model.weights) == {*FEATURES, QUESTION_KIND}
    assert model.kind_weights is not None
    # questions the question-embedding model reads as neither kind, and as clearly not one
    # written answers answer
    size = sum(w * w for w in model.kind_weights)
    neutral = [w * -model.kind_bias / size for w in model.kind_weights]
    other = [w * (-3 - model.kind_bias) / size for w in model.kind_weights]
    assert model.question_kind(neutral) == pytest.approx(0.0, abs=1e-9)
    neither = {"out_of_scope": 0.0, "unmentioned": 0.0}
    weak = dict.fromkeys(FEATURES, 0.1) | neither
    strong = dict.fromkeys(FEATURES, 0.8) | neither
    sure = model.probability(strong, neutral)
    assert model.probability(weak, neutral) < model.decline_below < sure
    assert model.probability(strong, other) < model.decline_below
    assert model.probability(strong | {"out_of_scope": 1.0}, neutral) < sure
    assert model.probability(strong | {"unmentioned": 1.0}, neutral) < sure
    with pytest.raises(ValueError, match="embedding"):
        model.probability(strong)


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


@pytest.mark.slow
def test_the_question_kind_reads_what_a_story_asks(real_retriever):
    from rag.search.confidence import asked_text, reading

    model = load_model()
    assert model.reads_asks
    ask = "How long can the council take to finish an EHC needs assessment?"
    question = real_retriever.understand(f"My son is 9 and autistic. He loves trains. {ask}")
    assert asked_text(question) == ask
    found = real_retriever.search(question, k=5)
    embedder = real_retriever.embedder
    vector = embedder.embed_query(question.dense)
    evidence = real_retriever.features(question, real_retriever.ranked(question, vector=vector))
    read = reading(vector, embedder.embed_query(ask))
    assert found.confidence == round(model.probability(evidence, read), 4)
    assert found.confidence != round(model.probability(evidence, vector), 4)


class Declining(PassagesRetriever):
    def search(self, question, *, k=5, filters=None):
        from dataclasses import replace

        found = super().search(question, k=k, filters=filters)
        missing = tuple(w for w in question.asked_specifics if w not in TRAVEL_ANSWER.answer_text)
        return replace(found, confidence=0.1, answerable=False, unmentioned=missing)


def test_the_answer_step_declines_when_the_search_is_not_confident():
    from rag.source import Passage

    passage = Passage(text=TRAVEL_ANSWER.answer_text, score=0.95, source=TRAVEL_ANSWER)
    question = "Must the council arrange free travel to school?"
    assert not rag.answer(question, retriever=PassagesRetriever([passage])).abstained
    reply = rag.answer(question, retriever=Declining([passage]))
    assert reply.abstained and reply.citations == []


def test_a_decline_names_what_the_question_asks_about_that_no_answer_mentions():
    from rag.source import Passage

    passage = Passage(text=TRAVEL_ANSWER.answer_text, score=0.95, source=TRAVEL_ANSWER)
    question = "Must Plymouth City Council arrange free travel to school for my son Jayden?"
    reply = rag.answer(question, retriever=Declining([passage]))
    assert reply.abstained
    # a child's own name is not something an answer would name
    assert "None of the answers I found mention Plymouth City Council." in reply.text


class NotMentioning(PassagesRetriever):
    def search(self, question, *, k=5, filters=None):
        from dataclasses import replace

        found = super().search(question, k=k, filters=filters)
        return replace(found, confidence=0.9, answerable=True, unmentioned=("Sheffield",))


def test_an_answer_says_what_the_question_names_that_none_of_its_sources_mention():
    from rag.source import Passage

    passage = Passage(text=TRAVEL_ANSWER.answer_text, score=0.95, source=TRAVEL_ANSWER)
    reply = rag.answer(
        "Must Sheffield arrange free travel to school?", retriever=NotMentioning([passage])
    )
    assert not reply.abstained and reply.citations
    assert reply.text.startswith("*None of the answers below mention Sheffield.*")


def test_the_quote_model_weighs_every_feature_and_prefers_what_answers():
    model = load_quote_model()
    assert model is not None and set(model.weights) == set(QUOTE_FEATURES)
    assert model.embedding_model == "sentence-transformers/all-MiniLM-L6-v2"
    # closer in meaning and sharing the question's words count for a sentence; being a
    # fragment of under 8 words counts against it
    assert model.weights["meaning"] > 0 and model.weights["words"] > 0
    assert model.weights["short"] < 0


def test_the_quote_model_is_used_only_with_the_embedder_it_was_learned_on(fake_embedder):
    question = understand("recovery plan for late councils")
    assert SentencePicker(question, fake_embedder).model == HAND_SET

    class SameModel:
        model_id = load_quote_model().embedding_model + "+onnx"  # same model, ONNX Runtime

        def embed_documents(self, texts):
            return fake_embedder.embed_documents(texts)

    assert SentencePicker(question, SameModel()).model == load_quote_model()


def test_learning_the_quote_weights_puts_the_sentences_holding_facts_first():
    # two answers of three sentences: only the first feature tells the fact apart
    rng = np.random.default_rng(0)
    rows = []
    for _ in range(20):
        values = rng.normal(size=(3, len(QUOTE_FEATURES)))
        truth = np.zeros(3)
        truth[np.argmax(values[:, 0])] = 1.0
        rows.append((values, truth))
    model = fit(rows, passage_only=False, embedding_model="m")
    assert max(model.weights.values()) == model.weights[QUOTE_FEATURES[0]]
    assert not model.passage_only and model.embedding_model == "m"
    assert fit([(np.zeros((2, len(QUOTE_FEATURES))), np.zeros(2))], True, "m").weights == (
        HAND_SET.weights
    )


def test_every_learned_model_is_used_with_its_embedder_on_either_runtime(fake_embedder):
    # the support model and the confidence model follow the quote model's rule: the same
    # embedding model, on sentence-transformers or ONNX Runtime, and no other
    learned = load_support_model()
    assert learned is not None and learned.embedding_model == load_model().embedding_model

    class Named:
        def __init__(self, model_id):
            self.model_id = model_id

    for suffix in ("", "+onnx", "+onnx-int8"):
        same = Named(learned.embedding_model + suffix)
        assert same_model(same, learned.embedding_model)
        assert SentenceChecker({}, "a question", same).model == learned
    for other in (fake_embedder, Named("path:my-model"), Named("x" + learned.embedding_model)):
        assert not same_model(other, learned.embedding_model)
        assert SentenceChecker({}, "a question", other).model is None
