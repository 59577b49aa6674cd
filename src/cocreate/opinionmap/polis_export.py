"""Read a Pol.is conversation export (comments.csv, votes.csv, participants-votes.csv, summary.csv).

No Django here: the benchmark (benchmarks/opinion_quality.py) and the importer (manage.py import_polis) share it.
Pol.is data is CC BY 4.0, with attribution to The Computational Democracy Project (compdemocracy.org/polis)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

ATTRIBUTION = (
    "Data: a public Pol.is conversation, gathered using the Polis software (compdemocracy.org/polis), "
    "licensed CC BY 4.0 with attribution to The Computational Democracy Project."
)


@dataclass
class PolisExport:
    name: str
    topic: str = ""
    description: str = ""
    url: str = ""
    # comment id -> (author id, moderated (1 shown, -1 hidden, 0 unmoderated), body, timestamp ms)
    comments: dict[int, tuple[int, int, str, int]] = field(default_factory=dict)
    votes: list[tuple[int, int, int, int]] = field(default_factory=list)  # (timestamp ms, voter, comment, vote)
    groups: dict[int, int] = field(default_factory=dict)  # participant -> Pol.is group id (grouped only)
    n_groups: int = 0

    @property
    def hidden(self) -> set[int]:
        return {cid for cid, c in self.comments.items() if c[1] == -1}

    def voted_statements(self) -> list[int]:
        return sorted({cid for _ts, _voter, cid, _vote in self.votes})

    def latest_votes(self) -> list[tuple[int, int, int]]:
        """(voter, comment, vote), the latest vote of a voter on a comment counting."""
        latest: dict[tuple[int, int], tuple[int, int]] = {}
        for ts, voter, cid, vote in sorted(self.votes):
            latest[(voter, cid)] = (ts, vote)
        return [(voter, cid, v) for (voter, cid), (_ts, v) in latest.items()]


def read_export(directory: str | Path) -> PolisExport:
    d = Path(directory)
    export = PolisExport(name=d.name)
    summary = d / "summary.csv"
    if summary.exists():
        with summary.open(newline="", encoding="utf-8") as f:
            for line in csv.reader(f):
                if len(line) >= 2:
                    key, value = line[0].strip(), line[1].strip()
                    if key == "topic":
                        export.topic = value
                    elif key == "conversation-description":
                        export.description = value
                    elif key == "url":
                        export.url = value
                    elif key == "groups" and value.isdigit():
                        export.n_groups = int(value)
    with (d / "comments.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            export.comments[int(row["comment-id"])] = (
                int(row["author-id"]),
                int(row.get("moderated") or 0),
                row["comment-body"].strip(),
                int(float(row.get("timestamp") or 0)),
            )
    votes_csv = d / "votes.csv"
    if votes_csv.exists():
        with votes_csv.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                export.votes.append(
                    (int(float(row["timestamp"])), int(row["voter-id"]), int(row["comment-id"]), int(row["vote"]))
                )
    pv = d / "participants-votes.csv"
    if pv.exists():
        with pv.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            # the columns after the counts are comment ids: each participant's latest vote (1 / -1 / 0 / empty)
            comment_columns = [c for c in reader.fieldnames or [] if c.strip().lstrip("-").isdigit()]
            for row in reader:
                participant = int(row["participant"])
                if (row.get("group-id") or "").strip() != "":
                    export.groups[participant] = int(row["group-id"])
                if votes_csv.exists():
                    continue
                # no votes.csv (some published exports lack it): the latest votes, without times
                for column in comment_columns:
                    value = (row.get(column) or "").strip()
                    if value:
                        export.votes.append((0, participant, int(column), int(float(value))))
    if not export.n_groups and export.groups:
        export.n_groups = len(set(export.groups.values()))
    return export
