from dataclasses import replace
from pathlib import Path

from rag.index.chunking import MAX_CHUNK_CHARS, chunk_source, split_text
from rag.ingest import load_corpus


def _sources(corpus_dir: Path):
    return load_corpus(corpus_dir).by_key()


def test_chunks_carry_the_question_as_context_and_full_metadata(corpus_dir: Path):
    source = _sources(corpus_dir)["wq:1729022"]
    chunks = chunk_source(source)
    assert chunks
    for c in chunks:
        assert c.text.startswith(f"{source.heading}: To ask the Secretary of State")
        assert c.passage in source.answer_text
        assert c.metadata["uin"] == "5508"
        assert c.metadata["answered_by"] == "Catherine McKinnell"
        assert c.metadata["date_first_num"] == c.metadata["date_last_num"] == 20241007
        assert c.id.startswith("wq:1729022:")
    assert all(len(c.passage) <= MAX_CHUNK_CHARS for c in chunks)


def test_chunk_ids_are_stable_and_change_only_with_content(corpus_dir: Path):
    source = _sources(corpus_dir)["wq:1722030"]
    first = [c.id for c in chunk_source(source)]
    assert first == [c.id for c in chunk_source(source)]
    edited = replace(source, answer_text=source.answer_text + "\n\nA new closing paragraph.")
    second = [c.id for c in chunk_source(edited)]
    assert second[: len(first) - 1] == first[:-1]
    assert second[-1] != first[-1]


def test_long_paragraphs_split_at_sentence_boundaries():
    para = " ".join(f"Sentence number {i} says something about funding." for i in range(40))
    pieces = split_text(para, max_chars=200)
    assert len(pieces) > 1
    assert all(p.endswith(".") and len(p) <= 200 for p in pieces)
    assert " ".join(pieces) == para


def test_sentences_are_cut_from_the_text_so_nothing_is_altered_or_lost():
    from rag.text import sentences as split_sentences

    para = (
        "Guidance is at https://www.gov.uk/x?step-by-step-nav=f517cd57. These match the offer "
        "for children with special educational needs and disabilities (SEND).As set out, "
        "funding rose. In Mar..."
    )
    pieces = split_sentences(para)
    assert len(pieces) > 1
    assert all(p in para for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(para.split())


def test_a_link_followed_by_a_sentence_is_a_sentence_of_its_own():
    from rag.text import sentences as split_sentences

    line = (
        "https://www.england.nhs.uk/long-read/adhd-service-delivery/ Through the framework, "
        "NHS England has set clear expectations. Call via www.gov.uk/send Monday to Friday."
    )
    assert split_sentences(line) == [
        "https://www.england.nhs.uk/long-read/adhd-service-delivery/",
        "Through the framework, NHS England has set clear expectations.",
        "Call via www.gov.uk/send Monday to Friday.",  # within a sentence, a link stays
    ]
