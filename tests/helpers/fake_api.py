"""A stand-in for the Written Questions API, serving recorded records in the API's shape.

The list endpoint pages the recorded list response with ``skip``/``take`` and
cuts text as the real list view does; the single-question endpoint returns the
full record. ``faults`` injects failures: a list of (path, kind) consumed in order,
where kind is ``"500"``, ``"429"``, ``"slow"`` (sleeps past the client timeout),
``"bad-json"`` or ``"shift"`` (two new answers arrive at the head of the list before
the page is served, so it repeats two records of the page before).
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

from werkzeug import Request, Response

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LIST = "/api/writtenquestions/questions"
CUT = 255


def recorded_records() -> list[dict[str, Any]]:
    """Full records: the list fixture's, their cut answers completed, plus the single one."""
    listed = json.loads((FIXTURES / "list_response.json").read_text())["results"]
    records = []
    for item in listed:
        record = copy.deepcopy(item["value"])
        if record["answerText"].endswith("..."):
            record["answerText"] = (
                record["answerText"][:-3] + " and the rest of the answer, in full.</p>"
            )
        records.append(record)
    single = json.loads((FIXTURES / "single_question_response.json").read_text())["value"]
    return [*records, single]


def list_view(record: dict[str, Any]) -> dict[str, Any]:
    cut = dict(record)
    if len(cut["answerText"]) > CUT:
        cut["answerText"] = cut["answerText"][:CUT] + "..."
    cut["questionText"] = cut["questionText"][:CUT]
    return {"value": cut, "links": []}


class FakeApi:
    def __init__(self, records: list[dict[str, Any]] | None = None) -> None:
        self.records = records if records is not None else recorded_records()
        self.faults: list[tuple[str, str]] = []
        self.requests: list[Request] = []

    def handle(self, request: Request) -> Response:
        self.requests.append(request)
        fault = self._fault(request.path)
        if fault == "500":
            return Response("upstream error", status=500)
        if fault == "429":
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        if fault == "slow":
            time.sleep(1.5)
        if fault == "bad-json":
            return Response('{"totalResults": 3, "results": [', content_type="application/json")
        if fault == "shift":
            self.records[:0] = [_newcomer(self.records[0], n) for n in (1, 2)]
        if request.path == LIST:
            return self._page(request)
        record_id = int(request.path.rsplit("/", 1)[1])
        for record in self.records:
            if record["id"] == record_id:
                return _json({"value": record, "links": []})
        return Response("not found", status=404)

    def _fault(self, path: str) -> str | None:
        for n, (where, kind) in enumerate(self.faults):
            if path.startswith(where):
                del self.faults[n]
                return kind
        return None

    def _page(self, request: Request) -> Response:
        skip = int(request.args.get("skip", 0))
        take = int(request.args.get("take", 20))
        since = request.args.get("answeredWhenFrom")
        matching = [r for r in self.records if not since or r["dateAnswered"][:10] >= since]
        page = [list_view(r) for r in matching[skip : skip + take]]
        return _json({"totalResults": len(matching), "results": page})


def _newcomer(like: dict[str, Any], n: int) -> dict[str, Any]:
    return {**like, "id": 9_000_000 + n, "uin": f"NEW{n}", "answerText": f"<p>New answer {n}.</p>"}


def _json(body: Any) -> Response:
    return Response(json.dumps(body), content_type="application/json")


def serve(port: int) -> None:
    """Serve the recorded API on 127.0.0.1 until interrupted (for trying ``rag fetch`` by hand):
    ``python -m tests.helpers.fake_api 8765`` then
    ``RAG_API_URL=http://127.0.0.1:8765 python -m rag fetch``."""
    import re
    import sys

    from pytest_httpserver import HTTPServer

    api = FakeApi()
    if "--faults" in sys.argv:  # one of each failure, to watch the retries
        api.faults = [
            (LIST, "500"),
            (LIST, "429"),
            (LIST, "bad-json"),
            (LIST, "ok"),
            (LIST, "shift"),
            (LIST + "/", "500"),
        ]
    server = HTTPServer(host="127.0.0.1", port=port, threaded=True)
    server.expect_request(re.compile("^/api/.*")).respond_with_handler(api.handle)
    server.start()
    print(f"recorded Written Questions API on http://127.0.0.1:{port} (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    import sys

    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
