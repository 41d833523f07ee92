"""RatInABox's side of `npm run bench -- place-map-formation` (docs/benchmarks.md).

The three feed-forward jobs of issue 4 — an Agent exploring the default 1 m box
at dt 10 ms, PlaceCells (gaussian, widths 0.2 m) and GridCells, each updated
every step and kept in their histories (RatInABox's defaults) — timed as a
RatInABox user runs them. Needs numpy, scipy, matplotlib, shapely and RatInABox
(pip install ratinabox, or PYTHONPATH=<a RatInABox checkout>).
    python3 scripts/ratinabox-bench.py
"""
import time

import numpy as np
import ratinabox
from ratinabox.Agent import Agent
from ratinabox.Environment import Environment
from ratinabox.Neurons import GridCells, PlaceCells

JOBS = [("100 place cells, 60 s", 100, 0, 60), ("1000 place + 1000 grid cells, 60 s", 1000, 1000, 60), ("10,000 place + 1000 grid cells, 10 s", 10000, 1000, 10)]
DT = 0.01

print(f"RatInABox {getattr(ratinabox, '__version__', '(source)')}, numpy {np.__version__}")
for label, n_place, n_grid, seconds in JOBS:
    np.random.seed(1)
    start = time.perf_counter()
    env = Environment()
    agent = Agent(env, params={"dt": DT})
    cells = [PlaceCells(agent, params={"n": n_place, "description": "gaussian", "widths": 0.2})]
    if n_grid:
        cells.append(GridCells(agent, params={"n": n_grid}))
    for _ in range(round(seconds / DT)):
        agent.update()
        for c in cells:
            c.update()
    wall = time.perf_counter() - start
    print(f"{label:38s} {wall:6.2f} s")
