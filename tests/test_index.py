import importlib
import json

import numpy as np
import pytest

from rag import AnswerSettings
from rag.config import Settings
from rag.errors import IndexNotReadyError
from rag.index import build_index, current_build, open_build_store
from rag.search import Retriever
from tests.conftest import FakeEmbedder
from vectorstore import ModelMismatchError


def add_a_paragraph_about_taxis(settings: Settings) -> None:
    """Change one record of the corpus: a paragraph added to the travel answer."""
    path = settings.corpus_dir / "questions.jsonl"
    lines = path.read_text().splitlines()
    record = json.loads(lines[1])
    record["answerText"] += "<p>An added paragraph about taxis.</p>"
    lines[1] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n")


def test_build_then_rebuild_on_unchanged_corpus_embeds_nothing(settings: Settings):
    first = build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    assert first.sources == 13 and first.embedded == first.chunks > 13
    again = FakeEmbedder()
    second = build_index(settings=settings, embedder=again, progress=False)
    assert again.embedded == []
    assert second.embedded == 0 and second.deleted == 0
    assert "index up to date: nothing to embed" in second.summary()


def test_changing_one_record_re_embeds_only_its_chunks(settings: Settings):
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    add_a_paragraph_about_taxis(settings)
    embedder = FakeEmbedder()
    report = build_index(settings=settings, embedder=embedder, progress=False)
    assert report.embedded >= 1
    assert all(
        text.startswith("Special Educational Needs: Travel") or "taxis" in text
        for text in embedder.embedded
    ), embedder.embedded
    assert report.deleted == report.embedded


def test_skipped_records_are_counted_in_the_report(settings: Settings):
    (settings.corpus_dir / "broken.jsonl").write_text('{"id": 5}\n')
    report = build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    assert len(report.skipped) == 1
    assert "broken.jsonl:1: missing field 'questionText'" in report.summary()


def test_opening_with_another_model_says_how_to_rebuild(settings: Settings):
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)

    class OtherModel(FakeEmbedder):
        model_id = "another-model"

    with pytest.raises(
        IndexNotReadyError,
        match=r"built with embedding model 'fake-bag-of-words-256'.*python -m rag build --rebuild",
    ):
        Retriever.open(settings, embedder=OtherModel())
    report = build_index(settings=settings, embedder=OtherModel(), rebuild=True, progress=False)
    assert report.embedded == report.chunks
    assert Retriever.open(settings, embedder=OtherModel()).retrieve("transport", k=1)


def test_vectorstore_refuses_another_model_directly(settings: Settings):
    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)

    class OtherModel(FakeEmbedder):
        model_id = "another-model"

    with pytest.raises(ModelMismatchError, match="rebuild"):
        open_build_store(OtherModel(), settings, current_build(settings))


def test_missing_index_says_how_to_build(tmp_path):
    settings = Settings(corpus_dir=tmp_path, index_dir=tmp_path / "nothing-here")
    with pytest.raises(IndexNotReadyError, match=r"python -m rag build"):
        Retriever.open(settings, embedder=FakeEmbedder())


def test_a_chroma_server_that_is_down_says_how_to_start_it(settings: Settings):
    from tests.conftest import free_port

    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    port = free_port()
    down = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": port})
    with pytest.raises(
        IndexNotReadyError, match=rf"cannot reach the Chroma server at 127.0.0.1:{port}.*chroma run"
    ):
        Retriever.open(down, embedder=FakeEmbedder())


def test_incremental_build_against_a_chroma_server(chroma_server, settings: Settings):
    host, port = chroma_server
    remote = Settings(
        corpus_dir=settings.corpus_dir,
        index_dir=settings.index_dir,
        chroma_host=host,
        chroma_port=port,
        collection="incremental_test",
    )
    first = build_index(settings=remote, embedder=FakeEmbedder(), progress=False)
    assert first.embedded == first.chunks
    assert build_index(settings=remote, embedder=FakeEmbedder(), progress=False).embedded == 0


@pytest.fixture
def no_sentence_vectors_yet(monkeypatch):
    """Sentence vectors are kept per process: start each of these tests without any."""
    module = importlib.import_module("rag.index.sentence_vectors")  # not the function
    monkeypatch.setattr(module, "_built", {})
    monkeypatch.setattr(module, "_cache", {})


def test_a_build_embeds_each_answer_sentence_once_and_quotes_read_them(
    settings: Settings, no_sentence_vectors_yet
):
    from rag.index import SentenceVectors, sentence_vectors
    from rag.text import sentences

    first = build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    built = SentenceVectors.load(current_build(settings))
    assert built is not None and first.sentences_embedded == len(built.digests) > 13
    retriever = Retriever.open(settings, embedder=FakeEmbedder())
    said = sentences(next(iter(retriever.sources.values())).answer_text)
    assert all(built.get(s) is not None for s in said)
    embedder = FakeEmbedder()
    vectors = sentence_vectors(embedder, said)
    assert embedder.embedded == []  # all read from the build
    expected = np.asarray(FakeEmbedder().embed_documents(said), dtype=np.float32)
    assert np.allclose(vectors, expected)
    # a rebuild embeds only the sentences it has not seen
    add_a_paragraph_about_taxis(settings)
    again = build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    assert again.sentences_embedded == 1


def test_without_sentence_vectors_quotes_embed_what_they_need(
    settings: Settings, no_sentence_vectors_yet
):
    from rag import answer
    from rag.index import SentenceVectors

    off = settings.model_copy(update={"sentence_vectors": False})
    report = build_index(settings=off, embedder=FakeEmbedder(), progress=False)
    assert report.sentences_embedded == 0 and SentenceVectors.load(current_build(off)) is None
    embedder = FakeEmbedder()
    retriever = Retriever.open(off, embedder=embedder)
    # (the fake embedder's similarities are not calibrated: no score floor)
    anyway = AnswerSettings(abstain_below=0.0)
    question = "Can the council refuse home to school transport?"
    reply = answer(question, retriever=retriever, settings=anyway)
    assert reply.citations and embedder.embedded  # the quoted answers' sentences
    # turned on again, the next build adds them
    on = build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    assert on.sentences_embedded > 13 and on.embedded == 0


def test_damaged_sentence_vectors_only_cost_time(
    settings: Settings, no_sentence_vectors_yet, caplog
):
    from rag import answer
    from rag.index import SentenceVectors

    build_index(settings=settings, embedder=FakeEmbedder(), progress=False)
    folder = current_build(settings)
    (folder / "sentences.json").write_text('{"embedding_model": "x", "digests": ["a"]}')
    assert SentenceVectors.load(folder) is None  # one digest, thousands of rows
    retriever = Retriever.open(settings, embedder=FakeEmbedder())
    assert "damaged" in caplog.text and "python -m rag build" in caplog.text
    question = "Can the council refuse home to school transport?"
    anyway = AnswerSettings(abstain_below=0.0)
    assert answer(question, retriever=retriever, settings=anyway).citations


def test_an_embedder_without_a_model_id_is_never_served_anothers_vectors():
    from rag.index import sentence_vectors

    class Anonymous:
        def __init__(self, value):
            self.value = value

        def embed_documents(self, texts):
            return [[self.value] * 3 for _ in texts]

    assert sentence_vectors(Anonymous(1.0), ["A sentence."])[0, 0] == 1.0
    assert sentence_vectors(Anonymous(2.0), ["A sentence."])[0, 0] == 2.0
