"""A worker that runs Python's plspm (PyPI) for benches/peers/run.py in its own interpreter:
plspm 0.5 needs pandas 2.1–2.2, the rest of the suite runs on the newest pandas. It reads one
JSON request per line from stdin — {"load": csv_path, "constructs": {name: [columns]},
"paths": [[from, to], ...]} to load a data set, {"run": true} to estimate it — and answers one
JSON line: the path coefficients as [[from, to, value], ...].

plspm's `scaled=True` divides every indicator by one pooled standard deviation (the standard
deviation of all values stacked, plspm.config.Config.treat), not each by its own; PLS-PM as
seminr, R's plspm and cxkit define it standardises each indicator. So each "run" standardises
the columns first (inside the timing: it is part of the work), after which the pooled scale is 1
and plspm's estimates equal seminr's."""

import json
import sys

import pandas as pd
import plspm.config as c
from plspm.mode import Mode
from plspm.plspm import Plspm
from plspm.scheme import Scheme

data = config = paths = None
for line in sys.stdin:
    request = json.loads(line)
    if "load" in request:
        data = pd.read_csv(request["load"])
        names = list(request["constructs"])
        paths = [tuple(p) for p in request["paths"]]
        matrix = pd.DataFrame(0, index=names, columns=names)
        for a, b in paths:
            matrix.loc[b, a] = 1  # plspm: row = effect, column = cause
        config = c.Config(matrix, scaled=True)
        for name, columns in request["constructs"].items():
            config.add_lv(name, Mode.A, *[c.MV(col) for col in columns])
        answer = {"loaded": len(data)}
    else:
        standardised = (data - data.mean()) / data.std(ddof=1)
        coefficients = Plspm(standardised, config, Scheme.PATH).path_coefficients()
        answer = {"paths": [[a, b, float(coefficients.loc[b, a])] for a, b in paths]}
    print(json.dumps(answer), flush=True)
