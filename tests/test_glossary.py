"""The shipped glossary is well formed: a malformed entry would match wrongly, not fail."""

from rag.data import shipped
from rag.search.glossary import load_glossary


def test_every_entry_has_its_fields_and_phrase_lists():
    raw = shipped("glossary.json")
    for entry in raw:
        name = entry.get("term")
        assert isinstance(name, str) and name, entry
        assert isinstance(entry["explain"], str) and entry["explain"], name
        for field in ("official", "match"):
            phrases = entry[field]
            assert isinstance(phrases, list) and phrases, (name, field)
            assert all(isinstance(p, str) and p.strip() for p in phrases), (name, field)
        groups = entry.get("together", [])
        # a phrase of every group must occur: one group would be a plain match list
        assert isinstance(groups, list) and len(groups) != 1, name
        for group in groups:
            assert isinstance(group, list) and group, name
            assert all(isinstance(p, str) and p.strip() for p in group), name
        assert set(entry) <= {"term", "explain", "official", "match", "together"}, name
    assert len({e["term"] for e in raw}) == len(raw)  # no entry twice
    assert len(load_glossary()) == len(raw)
