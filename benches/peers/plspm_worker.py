"""A worker that runs Python's plspm (PyPI) for benches/peers/run.py in its own interpreter:
plspm 0.5 needs pandas 2.1–2.2, the rest of the suite runs on the newest pandas. It reads one
JSON request per line from stdin — {"load": csv_path, "constructs": {name: [columns]},
"paths": [[from, to], ...]} to load a data set, {"run": true} to estimate it — and answers one
JSON line: the path coefficients as [[from, to, value], ...]."""

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
        coefficients = Plspm(data, config, Scheme.PATH).path_coefficients()
        answer = {"paths": [[a, b, float(coefficients.loc[b, a])] for a, b in paths]}
    print(json.dumps(answer), flush=True)
