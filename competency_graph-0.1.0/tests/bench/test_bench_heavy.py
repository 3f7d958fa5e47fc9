"""``bench/bench_heavy.py``: the job description it checks at ESCO scale, its figures."""

from __future__ import annotations

from ..conftest import bench_script


def test_the_esco_job_description_is_the_shipped_example_made_to_touch_esco() -> None:
    heavy = bench_script("bench_heavy")
    document = heavy.esco_job_description()
    assert document["position"]["id"] == "regional-account-manager"
    assert document["position"]["specialises"] == heavy.SALES_ACCOUNT_MANAGER
    skills = [r["skill"] for r in document["requirements"] if "skill" in r]
    assert skills[-2:] == list(heavy.ESCO_SKILLS)
    assert "skill:crm" in skills and "CRM" not in skills
    assert heavy.ESCO_SKILLS[1] in document["duties"][1]["supported_by"]


def test_percentiles_and_memory() -> None:
    heavy = bench_script("bench_heavy")
    assert heavy.percentiles([0.001] * 49 + [0.1]) == (1.0, 100.0)
    assert heavy.memory_mb("VmHWM") >= heavy.memory_mb("VmRSS") > 10
    assert heavy.memory_mb("NoSuchField") == 0.0
    assert heavy.memory_mb("VmRSS", pid=0) == 0.0
    row = {"figure": "x", "unit": "s", "ours": 1.5, "references": {}}
    assert heavy.figure("x", "s", 1.5) == row
