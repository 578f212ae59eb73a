"""herd.sweep and herd.sensitivity: the comparison at every point of a design over scenario
keys (herd_design_new, herd_sweep_run), and how much each key matters to an output
(herd_sweep_rows_sobol, herd_sweep_rows_src), as `herd sweep --analyse` measures it;
herd.read_sweep: a sweep the program wrote, read back."""

import pathlib
from functools import cached_property

import numpy as np
import pandas as pd

from ._frames import read_csv
from ._native import err_buffer, ffi, lib, text
from .compare import CompareResult
from .errors import HerdError, raise_for
from .experiment import Experiment, factors

BOOTSTRAP_RESAMPLES = 500  # as `herd sweep --analyse`
BOOTSTRAP_SEED = 2010
NO_OTHER = int(ffi.cast("size_t", -1))  # HERD_SWEEP_NO_OTHER, a cast cffi cannot read


class Sweep:
    """The comparisons of a sweep. design: its kind's name; keys: the varied keys; points: a
    frame with point and one column per key, the values each point takes; runs: point, the
    keys' values, then the columns of CompareResult.runs, for every point; point(j): the
    CompareResult of point j; output(metric, policy, other=None): one number per point, the
    mean of metric over the replications of policy, or of the paired difference policy -
    other."""

    def __init__(self, ptr, experiment, design):
        self._ptr = ffi.gc(ptr, lib.herd_sweep_free)
        self._experiment = experiment
        self.scenario = experiment.scenario
        self.design = design
        self.level = experiment.settings.level
        self.keys = [text(lib.herd_sweep_factor(ptr, i).key)
                     for i in range(lib.herd_sweep_n_factors(ptr))]
        self.n_points = lib.herd_sweep_n_points(ptr)
        first = self.point(0)
        self.policies, self.metrics = first.policies, first.metrics

    def point(self, j):
        ptr = lib.herd_sweep_point(self._ptr, j)
        if ptr == ffi.NULL:
            raise IndexError(f"point {j} is outside the sweep's {self.n_points} points")
        return CompareResult(ptr, self.scenario, self, self.level)

    @cached_property
    def points(self):
        values = self._values()
        frame = pd.DataFrame(values, columns=self.keys)
        frame.insert(0, "point", np.arange(self.n_points))
        return frame

    def _values(self):
        return np.array([[lib.herd_sweep_value(self._ptr, j, i) for i in range(len(self.keys))]
                         for j in range(self.n_points)]).reshape(self.n_points, len(self.keys))

    @cached_property
    def runs(self):
        frames = []
        for j, row in self.points.iterrows():
            runs = self.point(j).runs.copy()
            for k, key in enumerate(self.keys):
                runs.insert(k, key, row[key])
            runs.insert(0, "point", j)
            frames.append(runs)
        return pd.concat(frames, ignore_index=True)

    def output(self, metric, policy, other=None):
        first = self.point(0)
        p = first._policy(policy)
        o = NO_OTHER if other is None else first._policy(other)
        f = np.empty(self.n_points)
        status = lib.herd_sweep_output(self._ptr, p, o, first._metric(metric),
                                       ffi.from_buffer("double[]", f))
        if status != lib.HERD_OK:
            raise HerdError(status, f"output {metric} of {policy}")
        return f

    def __repr__(self):
        return (f"<herd.Sweep {self.design} over {', '.join(self.keys)}: {self.n_points} "
                f"points, {', '.join(self.policies)}>")


def sweep(scenario, vary, design="grid", samples=None, policies=None, *, reps=None, threads=0,
          level=None, progress=True, seed=None):
    """Compares the policies at every point of a design over keys of scenario, as `herd
    sweep` does. vary: a list of "KEY=LO:HI[:STEPS]" (or (key, lo, hi[, steps])) over any
    numeric key the scenario takes; design: "grid" (STEPS values of each key, every
    combination), "sobol" or "lhs" (samples points), "saltelli" (samples base samples, for
    Sobol indices); seed: places an lhs design's points (the scenario's seed if None). Point
    j's runs have the seeds herd_design_seed (include/herd/design.h): every policy meets the
    same draws. Other arguments as for herd.compare; records are not kept. Returns a
    Sweep."""
    e = Experiment(scenario, policies, reps=reps, threads=threads, level=level,
                   progress=progress, what="herd sweep", keep_records=False)
    kind = ffi.new("herd_design_kind *")
    if lib.herd_design_kind_parse(str(design).encode(), kind) != lib.HERD_OK:
        raise ValueError(f"design {design!r}: one of grid, sobol, lhs, saltelli")
    if samples is None and kind[0] != lib.HERD_DESIGN_GRID:
        raise ValueError(f"design {design!r} needs samples")
    fs = factors(list(vary))
    err = err_buffer()
    status = lib.herd_sweep_resolve(e.sc, fs, len(fs), err, len(err))
    d = ffi.new("herd_design **")
    if status == lib.HERD_OK:
        seed = e.scenario.seed if seed is None else seed
        status = lib.herd_design_new(d, kind[0], fs, len(fs), samples or 0, seed, err, len(err))
    if status != lib.HERD_OK:
        raise_for(status, text(err))
    design_ptr = ffi.gc(d[0], lib.herd_design_free)
    out = ffi.new("herd_sweep **")
    e.run(lib.herd_sweep_run, out, e.sc, design_ptr)
    return Sweep(out[0], e, text(lib.herd_design_kind_name(kind[0])))


class SweepRuns:
    """A sweep the program wrote, read back by herd.read_sweep: design (from sweep.args, grid
    if it names none), keys (the varied keys, in the columns' order), policies, metrics,
    source (the path of runs.csv) and runs: point, the keys' values, policy, rep, seed, line
    (of the run in runs.csv), metric and value, one row per run and metric, as the columns of
    Sweep.runs that herd.sensitivity reads. herd.sensitivity takes it as it takes a Sweep, and
    its refusals name the lines of runs.csv."""

    def __init__(self, design, keys, policies, metrics, runs, source):
        self.design, self.keys, self.policies = design, keys, policies
        self.metrics, self.runs, self.source = metrics, runs, source

    def __repr__(self):
        return (f"<herd.SweepRuns {self.design} over {', '.join(self.keys)}: "
                f"{self.runs.point.nunique()} points, {', '.join(self.policies)}>")


def read_sweep(folder):
    """The runs of `herd sweep --out FOLDER`, from FOLDER/runs.csv (herd.read_csv) and the
    design and policies FOLDER/sweep.args names, as a SweepRuns. The keys are the columns
    between the seed and ticks, the metrics those after ticks, as `herd sweep --analyse`
    reads them. FileNotFoundError for a folder with no runs.csv; ValueError for a file that
    is not a sweep's."""
    folder = pathlib.Path(folder)
    wide = read_csv(folder / "runs.csv")
    columns = list(wide.columns)
    if columns[:5] != ["run", "point", "policy", "rep", "seed"] or "ticks" not in columns:
        raise ValueError(f"{folder / 'runs.csv'}: not the header of a sweep's runs.csv")
    ticks = columns.index("ticks")
    keys, metrics = columns[5:ticks], columns[ticks + 1:]
    design, policies = "grid", []
    args = folder / "sweep.args"
    for line in args.read_text().splitlines() if args.is_file() else []:
        word, _, rest = line.partition(" ")
        if word == "design":
            design = rest
        elif line.startswith("sweep policy "):
            policies.append(line[len("sweep policy "):])
    for name in wide.policy.unique():
        if name not in policies:
            policies.append(name)
    wide["line"] = np.arange(2, len(wide) + 2)  # the header is line 1
    runs = wide.melt(id_vars=["point"] + keys + ["policy", "rep", "seed", "line"],
                     value_vars=metrics, var_name="metric", value_name="value")
    return SweepRuns(design, keys, policies, metrics, runs, str(folder / "runs.csv"))


class _Rows:
    """A sweep's runs of one metric as the library's herd_sweep_rows, with every buffer it
    points into: value, one number per row, and x, the keys' values, row by row. Rows read
    back by herd.read_sweep are named by their lines in runs.csv, the others by their place
    among the runs of the metric."""

    def __init__(self, sweep, metric):
        if metric not in sweep.metrics:
            raise ValueError(f"metric {metric!r}: one of {', '.join(sweep.metrics)}")
        runs = sweep.runs[sweep.runs.metric == metric]
        self.point = np.ascontiguousarray(runs.point, dtype=np.int64)
        self.rep = np.ascontiguousarray(runs.rep, dtype=np.int64)
        self.policy = np.ascontiguousarray(runs.policy.map(sweep.policies.index),
                                           dtype=np.uint64)
        self.value = np.ascontiguousarray(runs.value, dtype=float)
        self.x = np.ascontiguousarray(runs[sweep.keys], dtype=float)
        self.names = [ffi.new("char[]", name.encode()) for name in sweep.policies]
        self.name_ptrs = ffi.new("const char *[]", self.names)
        source = getattr(sweep, "source", None) or f"the sweep's runs of {metric}"
        self.source = ffi.new("char[]", source.encode())
        self.line = (np.ascontiguousarray(runs.line, dtype=np.uint64)
                     if "line" in runs.columns else None)
        self.c = ffi.new("herd_sweep_rows *", {
            "n": len(runs), "point": ffi.from_buffer("long[]", self.point),
            "rep": ffi.from_buffer("long[]", self.rep),
            "policy": ffi.from_buffer("size_t[]", self.policy),
            "names": self.name_ptrs, "n_names": len(self.names), "source": self.source,
            "line": ffi.NULL if self.line is None else ffi.from_buffer("size_t[]", self.line)})


def _policy_index(sweep, name):
    if name not in sweep.policies:
        raise ValueError(f"policy {name!r}: one of {', '.join(sweep.policies)}")
    return sweep.policies.index(name)


def sensitivity(sweep, metric, policy, other=None, *, resamples=BOOTSTRAP_RESAMPLES,
                seed=BOOTSTRAP_SEED):
    """How much each varied key matters to one output of a sweep (a Sweep, or the SweepRuns
    of herd.read_sweep), as `herd sweep --analyse` measures it, through the same library
    functions: metric for policy or, with other, the paired difference policy - other of the
    runs that met the same seed ("what drives policy's lead over other").

    For a saltelli design, Sobol indices of the output's mean over the replications at each
    point (herd_sweep_rows_sobol): one row per key with first, first_lo, first_hi, total,
    total_lo, total_hi, the intervals the 2.5% and 97.5% percentiles over resamples bootstrap
    resamplings drawn from seed. For any other design, standardised regression coefficients
    of the output of every run on the run's keys (herd_sweep_rows_src): one row per key with
    src, and r2, the share of the output's variance the linear fit explains (the same in every
    row); a sweep of one point, or with a key that keeps one value, raises HerdError naming it
    (herd_sweep_rows_spread)."""
    p = _policy_index(sweep, policy)
    o = NO_OTHER if other is None else _policy_index(sweep, other)
    rows = _Rows(sweep, metric)
    k = len(sweep.keys)
    value = ffi.from_buffer("double[]", rows.value)
    err = err_buffer()
    index = pd.Index(sweep.keys, name="key")
    if sweep.design == "saltelli":
        out = ffi.new("herd_sobol_index[]", k)
        status = lib.herd_sweep_rows_sobol(rows.c, value, 1, k, p, o, resamples, seed, out, err,
                                           len(err))
        if status != lib.HERD_OK:
            raise HerdError(status, text(err))
        columns = [name for name, _ in ffi.typeof("herd_sobol_index").fields]
        return pd.DataFrame([[getattr(out[i], c) for c in columns] for i in range(k)],
                            columns=columns, index=index)
    x = ffi.from_buffer("double[]", rows.x)
    keys = [ffi.new("char[]", key.encode()) for key in sweep.keys]
    key_ptrs = ffi.new("const char *[]", keys)
    status = lib.herd_sweep_rows_spread(rows.c, x, k, k, key_ptrs, err, len(err))
    if status != lib.HERD_OK:
        raise HerdError(status, text(err))
    src, r2 = np.empty(k), ffi.new("double *")
    status = lib.herd_sweep_rows_src(rows.c, value, 1, x, k, k, p, o,
                                     ffi.from_buffer("double[]", src), r2, err, len(err))
    if status != lib.HERD_OK:
        raise HerdError(status, text(err))
    return pd.DataFrame({"src": src, "r2": r2[0]}, index=index)
