"""Pictures of the graph as SVG or PNG (matplotlib, no system libraries needed).

- :func:`coverage_picture`: a position's duties x skills matrix. Green cells: a skill the
  position requires supports the duty (a requirement for S is met by S or any skill narrower
  than S, see :func:`competency_graph.model.analysis.coverage`). Red cells, in the "not required"
  columns on the right: a skill the duty needs that no requirement meets, on a duty that no
  required skill supports (rule duty-coverage) or that requires that competence (rule
  required-competence). Such duties have red labels; required skills that support no duty
  have orange labels (rule unused-requirement).
- :func:`org_picture`: every position as a box, placed by reporting level, with reporting
  lines (solid), substitutes (dashed) and career steps (dotted) as differently styled arrows;
  the head of the organisation in a bold yellow box, standard (template) positions in dashed
  grey ones.

SVG text stays text (``svg.fonttype: none``), so labels can be searched and tested.
"""

from __future__ import annotations

import textwrap
import threading
from dataclasses import dataclass
from io import BytesIO
from typing import Final, Literal

from competency_graph.errors import InputError, MissingExtra

try:  # matplotlib and its stack are an extra: this module is imported only to draw
    import matplotlib as mpl
    from matplotlib.artist import Artist
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch
except ImportError:
    raise MissingExtra("pictures", "pictures") from None

from competency_graph.model.ids import require
from competency_graph.model.readmodel import ReadModel
from competency_graph.rendering.coverage import coverage_grid
from competency_graph.rendering.formats import PICTURE_FORMATS
from competency_graph.rendering.phrases import check_language, phrase

_SAVE_LOCK: Final = threading.Lock()
FONT: Final = "DejaVu Sans"  # ships with matplotlib and has Cyrillic
COVERED: Final = "#2e9e5b"
GAP: Final = "#d64541"
UNUSED: Final = "#e08a00"
EMPTY: Final = "#f4f4f4"
GRID: Final = "#ffffff"
PNG_DPI: Final = 130
HEAD_FILL: Final = "#fff4d6"
STANDARD_FILL: Final = "#f0f0f0"
FILL: Final = "#e8f1fb"


@dataclass(frozen=True)
class _EdgeStyle:
    key: str
    color: str
    linestyle: Literal["solid", "dashed", "dotted"]
    width: float
    rad: float


#: how each relation between positions is drawn (the legend follows this order)
EDGE_STYLES: Final = (
    _EdgeStyle("org.reports_to", "#222222", "solid", 1.6, 0.0),
    _EdgeStyle("org.substitute", "#1f6fd1", "dashed", 1.3, 0.25),
    _EdgeStyle("org.career", "#2e9e5b", "dotted", 1.8, -0.25),
)


def _check_format(fmt: str) -> None:
    if fmt not in PICTURE_FORMATS:
        raise InputError(
            f"unknown picture format {fmt!r} (expected one of: {', '.join(PICTURE_FORMATS)})"
        )


def _save(figure: Figure, fmt: str) -> bytes:
    FigureCanvasAgg(figure)
    buffer = BytesIO()
    # rc_context changes matplotlib's global settings: one save at a time (server threads)
    with _SAVE_LOCK, mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "competency-graph"}):
        figure.savefig(
            buffer,
            format=fmt,
            dpi=PNG_DPI,
            bbox_inches="tight",
            pad_inches=0.3,
            facecolor="white",
            metadata={"Date": None} if fmt == "svg" else {"Software": "competency-graph"},
        )
    return buffer.getvalue()


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width)) or text


def coverage_picture(model: ReadModel, position: str, fmt: str, lang: str) -> bytes:
    """The coverage matrix of ``position`` as SVG or PNG bytes, labelled in ``lang``."""
    check_language(lang)
    _check_format(fmt)
    grid = coverage_grid(model, position)
    title = phrase(
        "coverage.title", lang, position=model.label(require(model, position, "position"), lang)
    )
    columns = (*grid.required, *grid.missing)
    n_rows, n_cols = len(grid.duties), len(columns)
    figure = Figure(figsize=(3.8 + 0.42 * max(n_cols, 4), 1.8 + 0.42 * max(n_rows, 1)))
    ax = figure.add_subplot()
    summary = phrase(
        "coverage.summary",
        lang,
        duties=n_rows,
        skills=len(grid.required),
        uncovered=len(grid.uncovered_duties),
        unused=len(grid.unused_skills),
    )
    ax.set_title(f"{title}\n{summary}", fontsize=12, family=FONT, loc="left", pad=14)
    if not n_rows:
        ax.text(0.5, 0.5, phrase("coverage.empty", lang), ha="center", va="center", family=FONT)
        ax.set_axis_off()
        return _save(figure, fmt)
    # one mesh for all cells: thousands of separate patches take seconds to draw
    states = [
        [
            1 if (duty, skill) in grid.covered else 2 if (duty, skill) in grid.gaps else 0
            for skill in columns
        ]
        for duty in grid.duties
    ]
    ax.pcolormesh(
        list(range(n_cols + 1)),
        list(range(n_rows + 1)),
        states,
        cmap=ListedColormap([EMPTY, COVERED, GAP]),
        vmin=0,
        vmax=2,
        edgecolors=GRID,
        linewidth=2,
    )
    if grid.missing:  # a heavier line between required and not-required columns
        ax.axvline(len(grid.required), color="#555555", linewidth=1.5)
    ax.set_xlim(0, max(n_cols, 1))
    ax.set_ylim(n_rows, 0)
    ax.set_aspect("equal")
    ax.xaxis.tick_top()
    ax.set_xticks([x + 0.5 for x in range(n_cols)])
    ax.set_xticklabels(
        [_shorten(model.label(s, lang), 40) for s in columns],
        rotation=60,
        ha="left",
        rotation_mode="anchor",
        fontsize=8.5,
        family=FONT,
    )
    ax.set_yticks([y + 0.5 for y in range(n_rows)])
    ax.set_yticklabels(
        [_wrap(model.label(d, lang), 48) for d in grid.duties], fontsize=8.5, family=FONT
    )
    for label, duty in zip(ax.get_yticklabels(), grid.duties, strict=True):
        if duty in grid.uncovered_duties:
            label.set_color(GAP)
            label.set_fontweight("bold")
    for label, skill in zip(ax.get_xticklabels(), columns, strict=True):
        if skill in grid.unused_skills:
            label.set_color(UNUSED)
            label.set_fontstyle("italic")
        elif skill in grid.missing:
            label.set_color(GAP)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # the last two entries explain label colours, so their marker is a coloured letter
    label_marker = r"$\mathbf{Aa}$"
    handles = [
        Patch(facecolor=COVERED, label=phrase("coverage.covered", lang)),
        Patch(facecolor=GAP, label=phrase("coverage.gap", lang)),
        Line2D(
            [],
            [],
            color=GAP,
            marker=label_marker,
            markersize=14,
            linestyle="",
            label=phrase("coverage.uncovered", lang),
        ),
        Line2D(
            [],
            [],
            color=UNUSED,
            marker=label_marker,
            markersize=14,
            linestyle="",
            label=phrase("coverage.unused", lang),
        ),
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.02),
        frameon=False,
        fontsize=8.5,
        prop={"family": FONT, "size": 8.5},
    )
    return _save(figure, fmt)


@dataclass(frozen=True)
class OrgLayout:
    """Where each position box goes, and the edges between positions by style key."""

    places: dict[str, tuple[float, float]]
    edges: tuple[tuple[str, str, str], ...]  # (style key, from IRI, to IRI)


def org_layout(model: ReadModel) -> OrgLayout:
    """Positions on levels by reporting depth (heads on top), each row ordered under its
    supervisors; and every reporting, substitution and career-step edge."""
    positions = model.positions
    level: dict[str, int] = {}

    def depth(iri: str, seen: frozenset[str] = frozenset()) -> int:
        if iri in level:
            return level[iri]
        parent = positions[iri].reports_to
        if parent is None or parent not in positions or parent in seen:  # root, or a cycle
            result = 0
        else:
            result = depth(parent, seen | {iri}) + 1
        level[iri] = result
        return result

    for iri in positions:
        depth(iri)
    rows: dict[int, list[str]] = {}
    for iri in sorted(positions, key=lambda p: model.label(p, "en")):
        rows.setdefault(level[iri], []).append(iri)
    places: dict[str, tuple[float, float]] = {}
    for n in sorted(rows):

        def under(iri: str) -> float:
            parent = positions[iri].reports_to
            return places[parent][0] if parent in places else 0.0

        row = sorted(rows[n], key=lambda iri: (under(iri), model.label(iri, "en")))
        width = len(row) - 1
        # a long row zig-zags, so arrows between its boxes do not run through other boxes
        stagger = 0.7 if len(row) > 4 else 0.0
        for i, iri in enumerate(row):
            places[iri] = ((i - width / 2) * 3.6, -n * 2.8 - stagger * (i % 2))
    edges: list[tuple[str, str, str]] = []
    for iri, position in sorted(positions.items()):
        if position.reports_to in positions:
            edges.append(("org.reports_to", iri, position.reports_to))
        if position.substitute in positions and position.substitute != iri:
            edges.append(("org.substitute", iri, position.substitute))
        edges.extend(("org.career", iri, step) for step in position.next_steps if step in positions)
    return OrgLayout(places, tuple(edges))


def org_picture(model: ReadModel, fmt: str, lang: str) -> bytes:
    """The organisation graph of all positions as SVG or PNG bytes, labelled in ``lang``."""
    check_language(lang)
    _check_format(fmt)
    layout = org_layout(model)
    xs = [x for x, _ in layout.places.values()] or [0.0]
    ys = [y for _, y in layout.places.values()] or [0.0]
    span_x, span_y = max(xs) - min(xs) + 3.2, max(ys) - min(ys) + 2.0
    figure = Figure(figsize=(max(span_x * 0.95, 7.0), max(span_y * 0.95, 3.0) + 1.2))
    ax = figure.add_subplot()
    ax.set_title(
        phrase("org.title", lang), fontsize=13, fontweight="bold", family=FONT, loc="left", pad=34
    )
    ax.set_axis_off()
    if not layout.places:
        ax.text(0.5, 0.5, phrase("org.empty", lang), ha="center", va="center", family=FONT)
        return _save(figure, fmt)
    boxes: dict[str, FancyBboxPatch] = {}
    width, height = 2.5, 0.9
    for iri, (x, y) in layout.places.items():
        position = model.positions[iri]
        box = FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=HEAD_FILL
            if position.is_head
            else (STANDARD_FILL if position.standard else FILL),
            edgecolor="#444444",
            linewidth=1.6 if position.is_head else 1.0,
            linestyle="dashed" if position.standard else "solid",
            zorder=3,
        )
        ax.add_patch(box)
        boxes[iri] = box
        ax.text(
            x,
            y,
            _wrap(model.label(iri, lang), 24),
            ha="center",
            va="center",
            fontsize=8.5,
            family=FONT,
            zorder=4,
            fontweight="bold" if position.is_head else "normal",
        )
    styles = {style.key: style for style in EDGE_STYLES}
    for key, source, target in layout.edges:
        style = styles[key]
        ax.add_patch(
            FancyArrowPatch(
                layout.places[source],
                layout.places[target],
                patchA=boxes[source],
                patchB=boxes[target],
                arrowstyle="-|>",
                mutation_scale=13,
                connectionstyle=f"arc3,rad={style.rad}",
                color=style.color,
                linestyle=style.linestyle,
                linewidth=style.width,
                zorder=2,
            )
        )
    ax.set_xlim(min(xs) - 1.6, max(xs) + 1.6)
    ax.set_ylim(min(ys) - 1.8, max(ys) + 0.9)  # room for arcs under the lowest row
    ax.set_aspect("equal")
    used = {key for key, _, _ in layout.edges}
    handles: list[Artist] = [
        Line2D(
            [],
            [],
            color=s.color,
            linestyle=s.linestyle,
            linewidth=s.width + 0.4,
            label=phrase(s.key, lang),
        )
        for s in EDGE_STYLES
        if s.key in used
    ]
    if any(model.positions[iri].standard for iri in layout.places):
        handles.append(
            Patch(
                facecolor=STANDARD_FILL,
                edgecolor="#444444",
                linestyle="dashed",
                label=phrase("org.standard", lang),
            )
        )
    if handles:
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=len(handles),
            frameon=False,
            prop={"family": FONT, "size": 9},
        )
    return _save(figure, fmt)
