"""herd.compare: paired comparisons of policies on a scenario (herd_compare_run), as
DataFrames."""

from functools import cached_property

import numpy as np
import pandas as pd

from ._database import Database
from ._frames import produce
from ._native import ffi, lib, text
from .errors import HerdError
from .experiment import Experiment, scenario_label


class CompareResult:
    """The runs of a comparison and what they say. Frames are made when first read:

    - runs: scenario, policy, rep, seed, metric, value: one row per run and metric, the rows
      of runs.csv (herd_compare_write; metric names from the library's tables: every run
      metric of herd_summary_info, then dip_KIND_tSTART and recovery_KIND_tSTART per event);
    - summary: policy, metric, mean, sd, ci_low, ci_high, n: the mean over the replications
      with its interval at the comparison's level, the rows of summary.csv whose other is
      empty, without that column;
    - differences: policy, other, metric and the same columns: the paired difference policy
      minus other, for every ordered pair, the other rows of summary.csv;
    - series: policy, tick, n, then FIELD_mean, FIELD_low, FIELD_high for every field of the
      record table: the mean of each tick over the replications and its interval
      (herd_compare_write_series); series_SCENARIO.csv holds four of those fields.

    to_sqlite(path) writes the database `herd compare --sqlite` writes. policies, metrics,
    reps, ticks and seeds describe it; plot() draws `herd compare`'s figure."""

    def __init__(self, ptr, scenario, owner=None, level=0.95):
        self._ptr = ptr
        self._owner = owner  # what keeps ptr (and the policy types it names) alive
        self.scenario = scenario
        self.level = level
        self.policies = [text(lib.herd_compare_policy_name(ptr, p))
                         for p in range(lib.herd_compare_n_policies(ptr))]
        self.metrics = [text(lib.herd_compare_metric_info(ptr, m).name)
                        for m in range(lib.herd_compare_n_metrics(ptr))]
        self.reps = lib.herd_compare_n_reps(ptr)
        self.ticks = lib.herd_compare_n_ticks(ptr)
        self.seeds = np.array([lib.herd_compare_seed(ptr, r) for r in range(self.reps)],
                              dtype=np.uint64)

    def metric_info(self):
        """One row per metric: name, label, kind ("run", "dip", "recovery"), better (+1
        higher is better, -1 lower), event (its index in the scenario, -1 for a run
        metric)."""
        kinds = {lib.HERD_METRIC_RUN: "run", lib.HERD_METRIC_DIP: "dip",
                 lib.HERD_METRIC_RECOVERY: "recovery"}
        rows = []
        for m in range(len(self.metrics)):
            info = lib.herd_compare_metric_info(self._ptr, m)
            rows.append([text(info.name), text(info.label), kinds[info.kind], info.better,
                         info.event])
        return pd.DataFrame(rows, columns=["name", "label", "kind", "better", "event"])

    def _policy(self, policy):
        if isinstance(policy, (int, np.integer)):
            return int(policy)
        try:
            return self.policies.index(policy)
        except ValueError:
            raise ValueError(f"policy {policy!r} is not in this comparison: "
                             + ", ".join(self.policies)) from None

    def _metric(self, metric):
        found = ffi.new("size_t *")
        if lib.herd_compare_find_metric(self._ptr, metric.encode(), found) != lib.HERD_OK:
            raise ValueError(f"metric {metric!r} is not measured here; the metrics are "
                             + ", ".join(self.metrics))
        return found[0]

    def values(self, metric):
        """A (policies x reps) array of one metric's values."""
        m = self._metric(metric)
        return np.array([[lib.herd_compare_value(self._ptr, p, r, m) for r in range(self.reps)]
                         for p in range(len(self.policies))])

    def interval(self, policy, metric, other=None):
        """(mean, low, high) of a metric for policy, or of the paired difference policy -
        other."""
        iv = ffi.new("herd_interval *")
        p, m = self._policy(policy), self._metric(metric)
        if other is None:
            status = lib.herd_compare_interval(self._ptr, p, m, iv)
        else:
            status = lib.herd_compare_difference(self._ptr, p, self._policy(other), m, iv)
        if status != lib.HERD_OK:
            raise HerdError(status, f"interval of {metric} for {policy}")
        return iv.mean, iv.low, iv.high

    def _table(self, table, scenario=None):
        name = ffi.NULL if scenario is None else scenario.encode()
        return produce(f"table {table} of the comparison", lib.herd_compare_write, self._ptr,
                       table, name)

    @cached_property
    def runs(self):
        return self._table(lib.HERD_COMPARE_RUNS, scenario_label(self.scenario))

    @cached_property
    def _summary(self):
        return self._table(lib.HERD_COMPARE_SUMMARY)

    @cached_property
    def summary(self):
        own = self._summary[self._summary.other.isna()]
        return own.drop(columns="other").reset_index(drop=True)

    @cached_property
    def differences(self):
        return self._summary[self._summary.other.notna()].reset_index(drop=True)

    @cached_property
    def series(self):
        return produce("the series of the comparison, which cannot be made if the runs' records "
                       "were not kept", lib.herd_compare_write_series, self._ptr, ffi.NULL,
                       ffi.NULL, 0)

    def to_sqlite(self, path):
        """Writes the database `herd compare --sqlite` writes for this comparison alone
        (herd_compare_write_tables): scenarios, runs, summary and series (when the records were
        kept), each led by the column scenario, which herd.read_sqlite reads back. The file appears
        only when complete; a path that cannot be written raises herd.InputError or
        herd.HerdError naming it."""
        db = Database(path, tables=lib.HERD_SQLITE_NO_TABLES)
        try:
            label = scenario_label(self.scenario).encode()
            db.check(lib.herd_compare_write_tables(self._ptr, label, db.table_sink()))
        except BaseException:
            db.abort()
            raise
        db.commit()

    def plot(self, path=None):
        """`herd compare`'s figure: cumulative innovation and morale over the ticks, one line
        per policy, the band its interval over the replications. Returns the matplotlib
        Figure; path: also saves it there (the extension chooses the format)."""
        from .plots import plot_series
        return plot_series(self, path)

    def __repr__(self):
        return (f"<herd.CompareResult {scenario_label(self.scenario)}: "
                f"{', '.join(self.policies)}; {self.reps} replications of {self.ticks} ticks>")


class _Owned:
    """Frees a herd_compare when the last result using it goes."""

    def __init__(self, ptr, experiment):
        self.ptr = ptr
        self.experiment = experiment

    def __del__(self):
        lib.herd_compare_free(self.ptr)


def compare(scenario, policies=None, *, reps=None, threads=0, level=None, progress=True,
            keep_records=True):
    """Runs every policy on scenario for reps replications, at least 2 since an interval needs
    two (the scenario's own reps if None, and 2 where it says 1), as `herd compare` does: replication r runs every
    policy with the seed herd_seed_derive(scenario seed, r), so differences are paired.
    Returns a CompareResult.

    scenario: a herd.Scenario or the path of a scenario file. policies: a list of built-in
    names, styles the scenario declares, its catalogue's policies (plug-ins', Python policies
    it was loaded with), Python policies (classes or objects) and None for the scenario's own
    policies; None: every catalogue policy (and the scenario's mix if it mixes). threads:
    runs at once (0: OpenMP's default); the numbers do not depend on it. level: of every
    interval (default 0.95). progress: True for a bar on stderr (a terminal or a notebook),
    False for none, or a function of (done, total) called after each run. keep_records=False
    saves memory but leaves no series.

    An exception raised in a Python policy stops the comparison (runs not yet started are
    cancelled) and is raised here with its traceback."""
    e = Experiment(scenario, policies, reps=reps, threads=threads, level=level,
                   progress=progress, what="herd compare",
                   min_reps=lib.HERD_COMPARE_MIN_REPS, keep_records=keep_records)
    out = ffi.new("herd_compare **")
    e.run(lib.herd_compare_run, out, e.sc)
    owned = _Owned(out[0], e)
    return CompareResult(out[0], e.scenario, owned, e.settings.level)
