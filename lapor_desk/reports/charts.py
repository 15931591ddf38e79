"""Charts of the documents, drawn with matplotlib (the only module that imports it) as PNG.

No pyplot: a bare ``Figure`` on the Agg canvas keeps no global state and is safe on a worker
thread. Numbers on the charts use the Indonesian format (``98,6%``, ``5,1``).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, assert_never

from lapor_desk.reports import lang
from lapor_desk.reports.document import BarChart, ChartSpec, LineChart
from lapor_desk.reports.fonts import document_fonts

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DPI = 200
INK = "#1f2933"
ACCENT = "#1f4e79"
REFERENCE = "#c0392b"
GRID = "#d5dbe1"
#: Series colours, distinguishable in print and for the common colour-vision deficiencies.
PALETTE = ("#1f4e79", "#e08e0b", "#2e8b57", "#8e44ad", "#c0392b", "#7f8c8d", "#17a2b8")
MM_PER_INCH = 25.4


def _font_family() -> str:
    from matplotlib import font_manager

    fonts = document_fonts()
    for path in (fonts.regular, fonts.bold):
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(fonts.regular)).get_name()


def _value_text(value: float, unit: str) -> str:
    if unit == "percent":
        return lang.pct(value)
    if unit == "days":
        return lang.dec(value)
    return lang.num(round(value))


def render_png(spec: ChartSpec, width_mm: float, height_mm: float) -> bytes:
    """The chart as PNG bytes of the given printed size."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = _font_family()
    figure = Figure(
        figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH), dpi=DPI, layout="constrained"
    )
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    match spec:
        case BarChart():
            _bars(axes, spec, family)
        case LineChart():
            _lines(axes, spec, family)
        case _:
            assert_never(spec)
    axes.set_title(spec.title, loc="left", fontsize=9, fontweight="bold", color=INK,
                   family=family)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=7, colors=INK)
    for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
        label.set_fontfamily(family)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _bars(axes: Axes, spec: BarChart, family: str) -> None:
    positions = list(range(len(spec.labels)))
    values = list(spec.values)
    axes.barh(positions, values, color=ACCENT, height=0.6, zorder=2)
    axes.set_yticks(positions, list(spec.labels))
    axes.invert_yaxis()  # the first label on top, as in the table beside it
    axes.grid(axis="x", color=GRID, linewidth=0.6, zorder=0)
    top = max([*values, spec.reference or 0.0, 0.0])
    axes.set_xlim(0, top * 1.18 if top > 0 else 1)
    if spec.unit == "percent":
        from matplotlib.ticker import FuncFormatter

        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: lang.pct(x, 0)))
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, " " + _value_text(value, spec.unit), va="center",
                  fontsize=6.5, color=INK, family=family)
    if spec.reference is not None:
        axes.axvline(spec.reference, color=REFERENCE, linestyle="--", linewidth=0.9, zorder=3)
        if spec.reference_label:
            axes.text(spec.reference, -0.9, " " + spec.reference_label, color=REFERENCE,
                      fontsize=6.5, va="bottom", family=family)


def _lines(axes: Axes, spec: LineChart, family: str) -> None:
    positions = list(range(len(spec.x_labels)))
    for index, (name, values) in enumerate(spec.series):
        axes.plot(positions, list(values), marker="o", markersize=2.5, linewidth=1.4,
                  color=PALETTE[index % len(PALETTE)], label=name)
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axes.set_xticks(positions, list(spec.x_labels))
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: lang.num(round(y))))
    if spec.y_label:
        axes.set_ylabel(spec.y_label, fontsize=7, family=family, color=INK)
    if spec.series:
        # Below the plot, so that no legend ever hides a line.
        axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1),
                    ncols=min(4, len(spec.series)), prop={"family": family, "size": 6.5})
