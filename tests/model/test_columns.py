"""The read model as columns: stored and loaded back exactly, malformed data refused."""

from __future__ import annotations

import dataclasses
import marshal
from datetime import datetime

import pytest

from competency_graph.graph.files import load_graph
from competency_graph.model import columns, domain
from competency_graph.model.columns import CLASSES, ColumnsError, dumps, loads
from competency_graph.model.domain import Text
from competency_graph.model.readmodel import NO_TEXT, ReadModel, build_read_model

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def model() -> ReadModel:
    """The shipped ontology and the example vacancies: every kind of object the model has."""
    graph = load_graph([EXAMPLES / "vacancies" / "seed-000-vacancies.ttl"]).graph
    return build_read_model(graph)


def test_the_model_comes_back_equal(model: ReadModel) -> None:
    again = loads(dumps(model))
    assert again == model
    for item in dataclasses.fields(ReadModel):
        assert getattr(again, item.name) == getattr(model, item.name), item.name
    assert again.orderings == {}  # a memo: starts empty


def test_texts_are_shared_and_the_empty_one_stays_no_text(model: ReadModel) -> None:
    again = loads(dumps(model))
    requirement = next(r for r in again.requirements.values() if r.definition == Text())
    assert requirement.definition is NO_TEXT
    position = next(iter(again.positions.values()))
    assert position.label is again.labels[position.iri]


def test_other_languages_datetimes_and_nested_objects_come_back() -> None:
    approved = domain.Endorsement(kind="approval", date=datetime(2026, 1, 31, 9, 30))
    description = domain.JobDescription(
        iri="jd:x",
        id="jd:x",
        label=Text(en="x", more=(("de", "x-de"), ("pt", "x-pt"))),
        definition=NO_TEXT,
        approval=approved,
        agreements=(domain.Endorsement(kind="agreement", role="hr-department"),),
    )
    model = ReadModel(job_descriptions={"jd:x": description}, triples=3)
    again = loads(dumps(model))
    assert again.job_descriptions == {"jd:x": description}
    assert again.job_descriptions["jd:x"].label.get("pt") == "x-pt"
    assert again.triples == 3


def test_every_domain_class_is_stored() -> None:
    """A new domain class must be added to CLASSES (before the classes that hold it)."""
    found = {
        value
        for value in vars(domain).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    }
    assert found - {domain.Node} == set(CLASSES)


def test_a_value_marshal_cannot_write_is_a_clear_error() -> None:
    model = ReadModel(
        positions={
            "p": domain.Position(
                iri="p", id="p", label=NO_TEXT, definition=NO_TEXT, requirements=(object(),)
            )
        }
    )  # type: ignore[arg-type]
    with pytest.raises(ColumnsError, match="unmarshallable object"):
        dumps(model)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not marshal at all", "ValueError: bad marshal data"),
        (marshal.dumps(({}, {})), "KeyError: 'Text'"),
        (marshal.dumps(({c.__name__: (0, ()) for c in CLASSES}, {})), "0 columns"),
    ],
    ids=["not-marshal", "no-tables", "no-columns"],
)
def test_malformed_data_is_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ColumnsError, match=message):
        loads(data)


def test_a_field_the_model_does_not_have_is_refused(model: ReadModel) -> None:
    tables, fields = marshal.loads(dumps(model))
    fields["nonsense"] = ("plain", 1)
    with pytest.raises(ColumnsError, match="not a field of the read model: 'nonsense'"):
        columns.loads(marshal.dumps((tables, fields)))
