"""herd.regime_map: which policy wins where, over a grid of two scenario keys
(herd_regime_run)."""

from functools import cached_property

from ._database import Database
from ._native import ffi, lib, text
from ._frames import produce
from .compare import CompareResult
from .experiment import Experiment, factors

EVENT_METRICS = ("dip_", "recovery_")


class RegimeMap:
    """The comparison in every cell of a grid over two keys. axes: ((key, values), (key,
    values)); cell(i, j): the CompareResult of cell i on the first axis, j on the second;
    cells: one row per cell for metric (table(other_metric) for another) with ix, iy, the
    two keys' values, metric, winner (ties as "a=b"), winner_index, runner_up, margin,
    margin_low, margin_high (the paired difference winner - runner-up, signed so that > 0
    favours the winner), margin_pct (of the runner-up's mean) and mean_POLICY for each
    policy: the columns and values of the regime.csv `herd compare --regime-map` writes.
    to_sqlite(path, metrics) writes them as its --sqlite does; plot() draws its regime
    map."""

    def __init__(self, ptr, experiment, metric):
        self._ptr = ffi.gc(ptr, lib.herd_regime_free)
        self._experiment = experiment
        self.scenario = experiment.scenario
        self.level = experiment.settings.level
        self.axes = tuple((text(lib.herd_regime_axis_key(ptr, a)),
                           [lib.herd_regime_axis_value(ptr, a, i)
                            for i in range(lib.herd_regime_steps(ptr, a))]) for a in (0, 1))
        first = self.cell(0, 0)
        self.policies = first.policies
        self.metric = metric
        self._m = first._metric(metric)
        self.metric_label = first.metric_info().label[self._m]

    def cell(self, i, j):
        ptr = lib.herd_regime_cell(self._ptr, i, j)
        if ptr == ffi.NULL:
            raise IndexError(f"cell ({i}, {j}) is outside the map")
        return CompareResult(ptr, self.scenario, self, self.level)

    @cached_property
    def cells(self):
        return self.table(self.metric)

    def table(self, metric):
        """The cells' frame for any metric the runs measured: the rows herd_regime_write
        gives, which `herd compare --regime-map` writes to regime.csv."""
        m = self.cell(0, 0)._metric(metric)
        return produce(f"regime map by {metric}", lib.herd_regime_write, self._ptr, m)

    def to_sqlite(self, path, metrics=None):
        """Writes the table regime that `herd compare --regime-map --sqlite` writes: the
        cells' rows (herd_regime_write) for each of metrics in turn (default: the map's
        metric), which herd.read_sqlite(path, "regime") reads back. The file appears only
        when complete; a path that cannot be written raises herd.InputError or
        herd.HerdError naming it."""
        first = self.cell(0, 0)
        indices = [first._metric(m) for m in ([self.metric] if metrics is None else metrics)]
        db = Database(path, tables=lib.HERD_SQLITE_NO_TABLES)
        try:
            sink = db.table_sink()
            for m in indices:
                db.check(lib.herd_regime_write(self._ptr, m, sink))
        except BaseException:
            db.abort()
            raise
        db.commit()

    def plot(self, path=None):
        """A map of the winner of each cell, coloured by policy and labelled with the winner
        and its margin, as `herd compare --regime-map` draws regime.png. Returns the
        matplotlib Figure; path: also saves it there."""
        from .plots import plot_regime
        return plot_regime(self, path)

    def __repr__(self):
        (kx, xs), (ky, ys) = self.axes
        return (f"<herd.RegimeMap {kx} x {ky}, {len(xs)} x {len(ys)} cells, "
                f"{', '.join(self.policies)} by {self.metric}>")


def regime_map(scenario, x="skill_mean=0.2:0.8:5", y="crisis_rate=0:0.06:5", policies=None, *,
               metric="innovation_total", reps=None, threads=0, level=None, progress=True):
    """Compares the policies in every cell of a grid over two keys of scenario: x and y are
    "KEY=LO:HI[:STEPS]" (or (key, lo, hi, steps)) over any numeric key the scenario takes —
    parameters, run keys, style keys (style.NAME.KEY), event keys. Every cell runs with the
    scenario's own seeds, so cells differ by their keys only. metric: the one cells and
    plot() rank by; every metric is measured. Other arguments as for herd.compare. Returns a
    RegimeMap."""
    if lib.herd_summary_find(metric.encode()) == ffi.NULL and not metric.startswith(EVENT_METRICS):
        raise ValueError(f"metric {metric!r}: not a run metric (herd.CompareResult.metric_info "
                         "lists them) nor an event's dip_ or recovery_")
    e = Experiment(scenario, policies, reps=reps, threads=threads, level=level,
                   progress=progress, what="herd regime map",
                   min_reps=lib.HERD_COMPARE_MIN_REPS, keep_records=False)
    axes = factors([x, y])
    out = ffi.new("herd_regime **")
    e.run(lib.herd_regime_run, out, e.sc, axes)
    return RegimeMap(out[0], e, metric)
