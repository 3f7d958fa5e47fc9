"""Read models shared by the rendering tests, built once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from competency_graph.graph.files import load_files, load_graph
from competency_graph.importers.inputs import load_inputs
from competency_graph.model.readmodel import ReadModel, build_read_model

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rendering"
CORE = Path(__file__).resolve().parents[1] / "ontology" / "core.ttl"
#: the fixture organisation: an approved job description, two vacancies, one coverage gap
FIXTURE = FIXTURES / "approved_job_description.ttl"
FIXTURE_POSITION = "position:test-account-manager"


@cache
def fixture_model() -> ReadModel:
    """The core vocabulary and the rendering fixture, nothing else."""
    return build_read_model(load_files([CORE, FIXTURE], follow_imports=False).graph)


@cache
def shipped_model() -> ReadModel:
    """The shipped ontology with every module."""
    return build_read_model(load_graph().graph)


SEED_VACANCIES = (
    Path(__file__).resolve().parents[1] / "examples" / "vacancies" / "seed-000-vacancies.ttl"
)


@cache
def seed_vacancies_model() -> ReadModel:
    """The shipped ontology with the 50 seed vacancies."""
    return build_read_model(load_graph([SEED_VACANCIES]).graph)


#: the example vacancy that states its employer and its employment types
EMPLOYER_EXAMPLE = SEED_VACANCIES.parent / "employer-and-employment-type.ttl"


@cache
def employer_example_model() -> ReadModel:
    """The shipped ontology with the example vacancy that states its employer."""
    return build_read_model(load_graph([EMPLOYER_EXAMPLE]).graph)


#: a YAML job description whose duties, rights and requirements are in no alphabetical order
WRITTEN_ORDER = Path(__file__).resolve().parent / "fixtures" / "jd_input" / "written-order.yaml"
WRITTEN_ORDER_POSITION = "position:order-clerk"


@cache
def written_order_model() -> ReadModel:
    """The shipped ontology with the job description of :data:`WRITTEN_ORDER`."""
    return build_read_model(load_inputs([WRITTEN_ORDER]).graph)
