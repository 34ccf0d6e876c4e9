"""A scheduled run whose inbox or lake is empty or an unfilled placeholder (BAOKU_INBOX or
BAOKU_LAKE unset when it was deployed) fails at once, naming the variable, and writes nothing;
deploying without them is refused."""
import os

import pytest

from flows.settings import check_deploy_environment, require_location
from tests.corpus import ROOT

SAMPLE_INBOX = ROOT / "flows" / "sample_inbox"


@pytest.mark.parametrize("lake", ["", "  ", "{{ $BAOKU_LAKE }}"])
def test_a_run_without_a_lake_fails_before_writing_anything(lake, tmp_path, monkeypatch):
    from flows.daily import daily_ingest
    from flows.maintenance import maintenance
    from flows.weekly import weekly_report

    monkeypatch.chdir(tmp_path)         # where an empty lake would have been written
    with pytest.raises(ValueError, match="BAOKU_LAKE"):
        daily_ingest(input=str(SAMPLE_INBOX), lake=lake)
    with pytest.raises(ValueError, match="BAOKU_LAKE"):
        maintenance(lake=lake)
    with pytest.raises(ValueError, match="BAOKU_LAKE"):
        weekly_report(lake=lake)
    assert os.listdir(tmp_path) == []


def test_a_run_without_an_inbox_fails_naming_its_variable(tmp_path):
    from flows.daily import daily_ingest
    with pytest.raises(ValueError, match="BAOKU_INBOX"):
        daily_ingest(input="{{ $BAOKU_INBOX }}", lake=str(tmp_path / "lake"))
    assert not (tmp_path / "lake").exists()


def test_deploying_needs_both_variables():
    assert check_deploy_environment({"BAOKU_INBOX": "/in", "BAOKU_LAKE": "/lake", "BAOKU_PAPER": ""}) == []
    problems = check_deploy_environment({"BAOKU_INBOX": "/in", "BAOKU_LAKE": ""})
    assert len(problems) == 1 and problems[0].startswith("BAOKU_LAKE is empty")
    assert [p.split()[0] for p in check_deploy_environment({})] == ["BAOKU_INBOX", "BAOKU_LAKE"]
    assert require_location("/data/lake", "lake") == "/data/lake"
