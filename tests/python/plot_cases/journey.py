import json

import pandas as pd

import cxkit
import cxkit.plot


def journey_state(bank):
    """The demo's journey events folded into a JourneyState of its tree."""
    tree = cxkit.IndicatorTree.from_json(bank["journey_tree"])
    state = cxkit.JourneyState(tree)
    state.update(bank["journey_events"])
    return state


def event_months(bank):
    """The first and the last month with events ("YYYY-MM"), as the report's heat map."""
    ts = pd.to_datetime(bank["journey_events"]["timestamp"])
    return str(ts.min().to_period("M")), str(ts.max().to_period("M"))


def touchpoint_shares(tree_json):
    """Each touchpoint's share of the tree's weight: the product of its weight's share among
    its siblings at every level (journey, stage, touchpoint; weight 1 when not given)."""
    out = {}

    def share(nodes):
        total = sum(n.get("weight", 1) for n in nodes)
        return [(n, n.get("weight", 1) / total) for n in nodes]

    for j, wj in share(json.loads(tree_json)["journeys"]):
        for s, ws in share(j["stages"]):
            for t, wt in share(s["touchpoints"]):
                out[t["id"]] = wj * ws * wt
    return out


def last_month(bank):
    return event_months(bank)[1]


def cases(bank):
    state = journey_state(bank)
    start, end = event_months(bank)
    months = len(pd.period_range(start, end, freq="M"))
    touchpoints = (state.evaluate(window="month", at=pd.Period(end).start_time)["level"] == "touchpoint").sum()
    pain = cxkit.pain_points(state, window="month", at=pd.Period(end).start_time)
    return {
        "journey_heatmap": (lambda ax, lang: cxkit.plot.journey_heatmap(state, ax=ax, lang=lang, start=start, end=end,
                                                                        target=80),
                            touchpoints * months),
        "pain_points": (lambda ax, lang: cxkit.plot.pain_points(pain, ax=ax, lang=lang), len(pain)),
    }
