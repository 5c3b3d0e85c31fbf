"""``python -m rag fetch``: bring the corpus up to date from the Written Questions API.

Pages through ``/api/writtenquestions/questions`` (``skip``/``take`` until
``totalResults``) for each search term, re-fetches every record whose list view
cut the text short from ``/api/writtenquestions/questions/{id}``, and merges the
records into ``docs_corpus/`` by id. Nothing is written unless every request
succeeded, so a failure mid-fetch leaves the corpus as it was.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tqdm import tqdm

from rag.config import Settings, get_settings
from rag.ingest.api_client import ApiClient, FetchError, NotFoundError
from rag.ingest.corpus import load_corpus
from rag.ingest.corpus_merge import (
    CORPUS_KEY,
    MergeReport,
    answer_cut,
    held_records,
    list_view_cut,
    marked_truncated,
    merge_records,
    missing_fields,
)

LIST_PATH = "/api/writtenquestions/questions"
ONE_PATH = "/api/writtenquestions/questions/{id}"
PAGE_SIZE = 50
# What the SEND corpus is about, in the words written questions use.
DEFAULT_TERMS = (
    "special educational needs",
    "education, health and care plan",
    "EHCP",
    "SENCO",
    "high needs",
    "alternative provision",
    "special schools",
)
DEFAULT_TARGET = "send_written_questions.jsonl"


@dataclass(frozen=True)
class FetchOptions:
    terms: tuple[str, ...] = DEFAULT_TERMS
    answering_bodies: tuple[int, ...] = ()
    house: str | None = None  # "Commons" or "Lords"; None for both
    answered_from: date | None = None
    answered_to: date | None = None
    since_last: bool = False
    fill_truncated: bool = False  # re-fetch truncated records already held
    fill_missing: bool = False  # re-fetch held records lacking a UIN, dates or members
    target: str = DEFAULT_TARGET
    page_size: int = PAGE_SIZE


@dataclass
class FetchReport:
    listed: int = 0
    pages: int = 0
    repeated: int = 0  # records a page repeated (seen before in this run)
    refetched: int = 0
    requests: int = 0
    not_found: list[int] = field(default_factory=list)
    answered_from: date | None = None
    merge: MergeReport = field(default_factory=MergeReport)

    def summary(self) -> str:
        m = self.merge
        since = f" answered from {self.answered_from}" if self.answered_from else ""
        lines = [
            f"listed {self.listed} records{since} in {self.pages} pages "
            f"({self.repeated} repeats dropped); re-fetched {self.refetched} cut short "
            f"({self.requests} requests)",
            f"corpus: {m.before} records before, {m.after} after: {m.added} new, "
            f"{m.updated} updated ({m.corrected} corrections), {m.unchanged} unchanged",
        ]
        if self.not_found:
            lines.append(
                f"{len(self.not_found)} records were not found for their full text (kept as "
                f"held): ids {', '.join(map(str, self.not_found[:10]))}"
            )
        if m.written:
            lines.append("wrote " + ", ".join(str(p) for p in m.written))
            lines.append("next: `python -m rag build` updates the index (only new chunks embed)")
        else:
            lines.append("nothing new: the corpus is unchanged")
        return "\n".join(lines)


def fetch(
    options: FetchOptions,
    *,
    settings: Settings | None = None,
    client: ApiClient | None = None,
    progress: bool = True,
) -> FetchReport:
    settings = settings or get_settings()
    corpus_dir = settings.corpus_dir
    report = FetchReport(answered_from=options.answered_from)
    if options.since_last:
        report.answered_from = newest_answer_date(corpus_dir)
    own_client = client is None
    client = client or ApiClient(
        settings.api_url, timeout=settings.api_timeout, min_interval=settings.api_min_interval
    )
    try:
        found: dict[int, dict[str, Any]] = {}
        with tqdm(desc="listing", unit="record", disable=not progress) as bar:
            for term in options.terms or (None,):
                for record in _list(client, options, term, report.answered_from, report, bar):
                    if int(record["id"]) in found:
                        report.repeated += 1
                    found[int(record["id"])] = record
        report.listed = len(found)
        wanted = [rid for rid, rec in found.items() if list_view_cut(rec)]
        if options.fill_truncated or options.fill_missing:
            held = held_records(corpus_dir)
            wanted += [
                r
                for r, rec in held.items()
                if r not in found
                and (
                    (options.fill_truncated and marked_truncated(rec))
                    or (options.fill_missing and missing_fields(rec))
                )
            ]
        for rid in tqdm(wanted, desc="full text", unit="record", disable=not progress):
            try:
                found[rid] = _one(client, rid)
            except NotFoundError:
                report.not_found.append(rid)  # keep what the list view (or the corpus) gave
                continue
            report.refetched += 1
        report.requests = client.requests
    finally:
        if own_client:
            client.close()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    records = [_stamped(rec, stamp) for rec in found.values()]
    report.merge = merge_records(corpus_dir, records, corpus_dir / options.target)
    return report


def newest_answer_date(corpus_dir: Path) -> date | None:
    dates = [s.date_answered for s in load_corpus(corpus_dir).sources if s.date_answered]
    return max(dates, default=None)


def _list(
    client: ApiClient,
    options: FetchOptions,
    term: str | None,
    answered_from: date | None,
    report: FetchReport,
    bar: tqdm,
) -> Iterator[dict[str, Any]]:
    params: dict[str, Any] = {
        "answered": "Answered",
        "expandMember": "true",
        "take": options.page_size,
    }
    if term:
        params["searchTerm"] = term
    if options.answering_bodies:
        params["answeringBodies"] = list(options.answering_bodies)
    if options.house:
        params["house"] = options.house
    if answered_from:
        params["answeredWhenFrom"] = answered_from.isoformat()
    if options.answered_to:
        params["answeredWhenTo"] = options.answered_to.isoformat()
    skip, seen, shifted = 0, set(), False
    while True:
        page = client.get_json(LIST_PATH, {**params, "skip": skip})
        results = page.get("results") if isinstance(page, dict) else None
        if not isinstance(results, list) or not isinstance(page.get("totalResults"), int):
            raise FetchError(f"{LIST_PATH} (skip={skip}): not a list response: {str(page)[:200]}")
        if skip == 0:
            bar.total = (bar.total or 0) + page["totalResults"]
        report.pages += 1
        for item in results:
            record = item.get("value") if isinstance(item, dict) else None
            if isinstance(record, dict) and "id" in record:
                shifted |= record["id"] in seen
                seen.add(record["id"])
                yield record
        bar.update(len(results))
        skip += len(results)
        # A page that repeats records means the list shifted under us (new answers
        # arrived): page on until an empty page, so nothing shifted out is missed.
        if not results or (skip >= page["totalResults"] and not shifted):
            break


def _one(client: ApiClient, record_id: int) -> dict[str, Any]:
    body = client.get_json(ONE_PATH.format(id=record_id), {"expandMember": "true"})
    record = body.get("value") if isinstance(body, dict) else None
    if not isinstance(record, dict) or record.get("id") != record_id:
        raise FetchError(f"{ONE_PATH.format(id=record_id)}: not a question response")
    return record


def _stamped(record: dict[str, Any], stamp: str) -> dict[str, Any]:
    meta = {**(record.get(CORPUS_KEY) or {}), "fetchedAt": stamp, "source": "api"}
    meta["answerTruncated"] = answer_cut(record)
    return {**record, CORPUS_KEY: meta}
