"""The charts of cxkit.plot drawn on the demo bank, one module per cxkit.plot module: each
defines ``cases(bank)``, a dict chart name → (draw(ax, lang), the number of marks the chart
must show: bars, points or heat-map cells, see ``test_plot.marks``). ``charts`` gathers every
module's cases, so a new module here is picked up without being listed."""

import importlib
import pkgutil


def charts(bank):
    out = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, case in module.cases(bank).items():
            assert name not in out, f"chart {name} drawn by two case modules"
            out[name] = case
    return out
