"""The editor's form and the YAML format's data, both ways (web/description_form.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from competency_graph.graph.source import Source
from competency_graph.server.state import GraphState
from competency_graph.web.description_form import (
    FormState,
    PathMap,
    Problem,
    apply_action,
    data_from_form,
    error_id,
    field_id,
    form_from_data,
    form_from_post,
    locate,
    locate_message,
)

from ..conftest import EXAMPLES

EXAMPLE = EXAMPLES / "job-descriptions" / "valid" / "regional-account-manager.yaml"


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text()), default=str))
    return data


def posted(form: FormState) -> list[tuple[str, str]]:
    """The pairs a browser posts for ``form`` (a checkbox group once per ticked box)."""
    pairs: list[tuple[str, str]] = []
    for name, value in form.values.items():
        pairs += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
    return pairs


def through_the_browser(data: dict[str, Any]) -> tuple[dict[str, Any], PathMap, list[Problem]]:
    return data_from_form(form_from_post(posted(form_from_data(data))))


def test_the_example_goes_through_the_form_unchanged() -> None:
    data, _, problems = through_the_browser(example())
    assert problems == []
    assert data == example()


def test_every_shipped_description_goes_through_the_form_unchanged() -> None:
    state = GraphState(Source(()))
    state.start()
    snapshot = state.snapshot
    described = [iri for iri in snapshot.model.positions if snapshot.model.job_description_of(iri)]
    assert len(described) >= 8
    for iri in described:
        data = snapshot.job_description_data(iri)
        assert through_the_browser(data)[0] == data, iri


def test_the_fields_are_named_by_section_row_and_field() -> None:
    form = form_from_data(example())
    assert form.get("position.label.ru") == "Региональный менеджер по работе с клиентами"
    assert form.get("position.reports_to") == "Head of customer service department"
    assert form.get("position.must_know") == "norm:labour-code"
    assert form.rows["duties"] == [0, 1, 2, 3, 4]
    assert form.item("duties", 0) == "duty"
    assert form.get("duties.0.supported_by") == "skill:client-search"
    assert form.item("requirements", 0) == "education"
    assert form.checked("requirements.0.education", "incomplete-higher")
    assert form.get("requirements.1.experience.years") == "1"
    assert form.get("requirements.5.level.en") == "confident user"
    assert form.get("requirements.6.level.ru") == "B1"  # a code, the same in every language
    assert form.checked("responsibilities.0.sanctions", "reprimand")
    # what the form does not show rides along
    assert json.loads(form.get("extra"))["approval"]["name"] == "Орлов А. В."
    assert field_id("duties.3.supported_by") == "f-duties-3-supported_by"
    assert error_id("duties.3") == "e-duties-3"


def test_a_reference_row_is_a_reference() -> None:
    form = form_from_data({"position": {"id": "x"}, "status": "draft", "duties": ["duty:a"]})
    assert (form.item("duties", 0), form.get("duties.0.ref")) == ("ref", "duty:a")
    assert data_from_form(form)[0]["duties"] == ["duty:a"]


def test_rows_are_added_and_removed_and_keep_their_numbers() -> None:
    form = form_from_data(example())
    assert apply_action(form, "add:duties") == "duties.5.label.ru"
    assert apply_action(form, "add:requirements:experience") == "requirements.7.experience.years"
    assert form.item("requirements", 7) == "experience"
    assert apply_action(form, "remove:duties.1") == "duties"
    assert form.rows["duties"] == [0, 2, 3, 4, 5]
    assert "duties.1.label.ru" not in form.values
    assert apply_action(form, "remove:duties.9") is None
    assert apply_action(form, "explode:duties") is None


def test_empty_rows_are_left_out_and_the_path_map_says_where_each_item_came_from() -> None:
    form = form_from_data(example())
    apply_action(form, "add:duties")  # row 5, left empty
    apply_action(form, "remove:duties.1")
    data, paths, problems = data_from_form(form)
    assert problems == []
    assert [d["id"] for d in data["duties"]] == [
        "find-clients",
        "keep-client-base",
        "report",
        "foreign-clients",
    ]
    assert paths.rows[("duties", 1)] == 2
    assert ("duties", 4) not in paths.rows


def test_a_violation_is_placed_at_the_field_it_concerns() -> None:
    form = form_from_data(example())
    apply_action(form, "remove:duties.0")
    _, paths, _ = data_from_form(form)
    # the data's second duty is the form's row 2 (row 0 was removed)
    assert locate("duties[1].supportedBy[0]", form, paths) == "duties.2.supported_by"
    assert locate("duties[1]", form, paths) == "duties.2"
    assert locate("position.appointedBy", form, paths) == "position.appointed_by"
    assert locate("position.label", form, paths) == "position.label.ru"
    assert locate("requirements[1].experience.years", form, paths) == (
        "requirements.1.experience.years"
    )
    assert locate("requirements", form, paths) == "requirements"
    assert locate("agreements", form, paths) is None
    assert locate(None, form, paths) is None


def test_an_input_error_names_its_path() -> None:
    assert locate_message("'bad id' is not a valid id (such as find-clients) at duties[1].id") == (
        "duties[1].id"
    )
    assert locate_message("missing required field 'label' at position (and 2 more problems)") == (
        "position"
    )
    assert locate_message("something else") is None


def test_a_number_that_is_not_one_is_a_problem_at_its_field() -> None:
    form = form_from_data({"position": {"id": "x"}, "status": "draft"})
    apply_action(form, "add:requirements:experience")
    form.values["requirements.0.experience.years"] = "three"
    problems = data_from_form(form)[2]
    assert problems == [Problem("requirements.0.experience.years", "'three' is not a number")]
    form.values["requirements.0.experience.years"] = "1,5"
    assert data_from_form(form)[0]["requirements"] == [{"experience": {"years": 1.5}}]


def test_a_changed_hidden_field_is_a_problem() -> None:
    form = form_from_data({"position": {"id": "x"}, "status": "draft"})
    form.values["extra"] = "{not json"
    assert data_from_form(form)[2] == [
        Problem("extra", "the hidden fields of the form were changed; reload")
    ]


@pytest.mark.parametrize(
    ("ru", "en", "expected"),
    [("B1", "", "B1"), ("уверенный", "confident", {"ru": "уверенный", "en": "confident"})],
)
def test_a_level_is_a_code_or_a_text(ru: str, en: str, expected: Any) -> None:
    form = form_from_data({"position": {"id": "x"}, "status": "draft"})
    apply_action(form, "add:requirements:skill")
    form.values.update({"requirements.0.skill": "English", "requirements.0.level.ru": ru})
    form.values["requirements.0.level.en"] = en
    assert data_from_form(form)[0]["requirements"] == [{"skill": "English", "level": expected}]


def test_the_posted_form_collects_checkbox_groups_and_rows() -> None:
    form = form_from_post(
        [
            ("responsibilities.4.item", "responsibility"),
            ("responsibilities.4.sanctions", "remark"),
            ("responsibilities.4.sanctions", "reprimand"),
            ("responsibilities.4.label.ru", "Ответственность"),
            ("duties.2.supported_by", "CRM\r\nExcel\r\n"),
        ]
    )
    assert form.rows["responsibilities"] == [4]
    assert form.rows["duties"] == [2]
    data, _, _ = data_from_form(form)
    assert data["responsibilities"] == [
        {"label": {"ru": "Ответственность"}, "sanctions": ["remark", "reprimand"]}
    ]
    assert data["duties"] == [{"supported_by": ["CRM", "Excel"]}]
