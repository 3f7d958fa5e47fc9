"""Pictures: the coverage cells (gaps, unused skills) and the organisation layout, then the
files themselves: valid SVG with the labels as text, PNG with its signature and size."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from competency_graph.errors import InputError
from competency_graph.rendering.pictures import (
    coverage_picture,
    org_layout,
    org_picture,
)
from tests.rendering_support import (
    FIXTURE_POSITION,
    fixture_model,
    shipped_model,
)

ID = "https://w3id.org/competency-graph/id/"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _svg_texts(svg: bytes) -> str:
    """All text of an SVG document (parsed as XML), one string."""
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_coverage_svg_is_valid_and_labelled(lang: str) -> None:
    model = fixture_model()
    text = _svg_texts(coverage_picture(model, FIXTURE_POSITION, "svg", lang))
    for iri in (
        ID + "duty/test-offers",
        ID + "duty/test-negotiate",
        ID + "skill/test-presentation",
        ID + "skill/test-ms-excel",
    ):
        assert model.label(iri, lang) in text
    title = {"ru": "Покрытие обязанностей навыками", "en": "Duty coverage by skills"}[lang]
    assert title in text


def test_coverage_png_has_a_readable_size() -> None:
    width, height = _png_size(coverage_picture(fixture_model(), FIXTURE_POSITION, "png", "en"))
    assert width > 600 and height > 400


def test_org_layout_puts_the_head_on_top_and_draws_every_relation() -> None:
    layout = org_layout(fixture_model())
    head = layout.places[ID + "position/test-general-director"]
    manager = layout.places[ID + "position/test-account-manager"]
    assert head[1] > layout.places[ID + "position/test-head-of-sales"][1] > manager[1]
    assert set(layout.edges) >= {
        (
            "org.reports_to",
            ID + "position/test-account-manager",
            ID + "position/test-head-of-sales",
        ),
        (
            "org.substitute",
            ID + "position/test-account-manager",
            ID + "position/test-senior-account-manager",
        ),
        (
            "org.career",
            ID + "position/test-account-manager",
            ID + "position/test-senior-account-manager",
        ),
    }


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_org_svg_names_every_position_and_relation(lang: str) -> None:
    model = shipped_model()
    text = _svg_texts(org_picture(model, "svg", lang))
    for iri in model.positions:
        for word in model.label(iri, lang).split():
            assert word in text
    legend = {"ru": ["подчиняется", "замещается"], "en": ["reports to", "substituted by"]}[lang]
    assert all(entry in text for entry in legend)


def test_org_png_of_the_shipped_positions() -> None:
    width, height = _png_size(org_picture(shipped_model(), "png", "ru"))
    assert width > 1000 and height > 500


def test_bad_picture_requests_are_input_errors() -> None:
    with pytest.raises(InputError, match="unknown picture format 'gif'"):
        org_picture(fixture_model(), "gif", "ru")
    with pytest.raises(InputError, match="unknown position"):
        coverage_picture(fixture_model(), "position:nobody", "svg", "ru")


def test_a_reporting_cycle_still_gets_a_layout_and_a_picture() -> None:
    model = fixture_model()
    head = ID + "position/test-head-of-sales"
    manager = ID + "position/test-account-manager"
    cyclic = replace(
        model,
        positions={**model.positions, head: replace(model.positions[head], reports_to=manager)},
    )
    layout = org_layout(cyclic)
    assert set(layout.places) == set(model.positions)
    assert ("org.reports_to", head, manager) in layout.edges
    assert _png_size(org_picture(cyclic, "png", "en"))[0] > 0


def test_a_position_without_duties_gets_a_picture_that_says_so() -> None:
    text = _svg_texts(
        coverage_picture(fixture_model(), "position:test-general-director", "svg", "en")
    )
    assert "The position has no duties in a job description" in text
