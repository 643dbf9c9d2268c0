"""Charts of cxkit's results, one call each (matplotlib, an optional dependency:
``pip install "cxkit[plot]"``).

Every function takes the result object cxkit returns, draws on ``ax`` when given (else on a
new figure), and returns the matplotlib ``Axes``, with a title, axis labels and units in
``lang`` ("en" or "zh"; Chinese through the CJK font stack the HTML report names, the first
one installed). No global style is changed: colours, fonts and sizes are set on the chart's
own artists. The charts live in modules named after the cxkit module whose results they draw
(``_survey``, ``_kano``, ``_clv``, ``_segment``, ``_quality``, ``_drivers``, ``_text``,
``_ipa``, ``_journey``, ``_complaints``, ``_pls``); all are imported here.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import cxkit, cxkit.plot
>>> ax = cxkit.plot.nps({"Q1": cxkit.nps([10, 9, 3, 7]), "Q2": cxkit.nps([10, 10, 6, 9])})
>>> ax.get_title(), len(ax.lines) >= 1
('NPS by wave', True)
"""

from cxkit.plot._complaints import complaints_sla
from cxkit.plot._clv import (calibration_holdout, clv_deciles, expected_purchases_matrix, period_transactions,
                             probability_alive_matrix)
from cxkit.plot._drivers import drivers
from cxkit.plot._ipa import ipa
from cxkit.plot._journey import journey_heatmap, pain_points
from cxkit.plot._kano import KANO_COLOURS, kano, kano_shares
from cxkit.plot._pls import ipma, pls_paths
from cxkit.plot._quality import servqual, zone_of_tolerance
from cxkit.plot._segment import kmeans_scan, rfm_segments, segment_profiles, value_tiers
from cxkit.plot._survey import likert, nps
from cxkit.plot._text import topics

__all__ = ["nps", "kano", "kano_shares", "servqual", "drivers", "topics", "value_tiers", "period_transactions",
           "clv_deciles", "probability_alive_matrix", "expected_purchases_matrix", "calibration_holdout",
           "rfm_segments", "kmeans_scan", "segment_profiles",
           "likert", "zone_of_tolerance", "ipa", "journey_heatmap", "pain_points", "complaints_sla", "pls_paths",
           "ipma"]
