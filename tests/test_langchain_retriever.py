import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from rag.langchain_retriever import WrittenAnswersRetriever
from rag.search import Retriever
from tests.conftest import FakeEmbedder


class TestWrittenAnswersRetriever(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _backend(self, built_index):
        # The base class owns the fixture name ``retriever``; open the backend here.
        type(self)._shared = Retriever.open(built_index, embedder=FakeEmbedder())

    @property
    def retriever_constructor(self) -> type[WrittenAnswersRetriever]:
        return WrittenAnswersRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"retriever": type(self)._shared}

    @property
    def retriever_query_example(self) -> str:
        return "home to school transport for children with special educational needs"


def test_documents_carry_source_metadata_and_filters_pass_through(retriever):
    lc = WrittenAnswersRetriever(retriever=retriever, k=3, department="Treasury")
    docs = lc.invoke("VAT on private school fees")
    assert [d.metadata["uin"] for d in docs] == ["3993"]
    assert docs[0].metadata["answered_by"] == "James Murray"
    assert docs[0].metadata["url"].endswith("/3993")
