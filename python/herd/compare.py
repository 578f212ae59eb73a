"""herd.compare: paired comparisons of policies on a scenario (herd_compare_run), as
DataFrames."""

from functools import cached_property

import numpy as np
import pandas as pd

from ._frames import RECORD_FIELDS
from ._native import ffi, lib, text
from .errors import HerdError
from .experiment import Experiment, scenario_label

INTERVAL_COLUMNS = ["mean", "sd", "ci_low", "ci_high", "n"]


def _interval_row(iv):
    return [iv.mean, iv.sd, iv.low, iv.high, iv.n]


class CompareResult:
    """The runs of a comparison and what they say. Frames are made when first read:

    - runs: scenario, policy, rep, seed, metric, value: one row per run and metric, as
      `herd compare` writes runs.csv (metric names from the library's tables: every run
      metric of herd_summary_info, then dip_KIND_tSTART and recovery_KIND_tSTART per event);
    - summary: policy, metric, mean, sd, ci_low, ci_high, n: the mean over the replications
      with its interval at the comparison's level;
    - differences: policy, other, metric and the same columns: the paired difference policy
      minus other, for every ordered pair;
    - series: policy, tick, n, then FIELD_mean, FIELD_low, FIELD_high for every field of the
      record table: the mean of each tick over the replications and its interval.

    policies, metrics, reps, ticks and seeds describe it; plot() draws `herd compare`'s
    figure."""

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

    @cached_property
    def runs(self):
        n_p, n_r, n_m = len(self.policies), self.reps, len(self.metrics)
        value = lib.herd_compare_value
        values = [value(self._ptr, p, r, m) for p in range(n_p) for r in range(n_r)
                  for m in range(n_m)]
        return pd.DataFrame({
            "scenario": scenario_label(self.scenario),
            "policy": np.repeat(self.policies, n_r * n_m),
            "rep": np.tile(np.repeat(np.arange(n_r), n_m), n_p),
            "seed": np.tile(np.repeat(self.seeds, n_m), n_p),
            "metric": np.tile(self.metrics, n_p * n_r),
            "value": np.array(values, dtype=float),
        })

    @cached_property
    def summary(self):
        iv, rows = ffi.new("herd_interval *"), []
        for p, policy in enumerate(self.policies):
            for m, metric in enumerate(self.metrics):
                lib.herd_compare_interval(self._ptr, p, m, iv)
                rows.append([policy, metric] + _interval_row(iv))
        return pd.DataFrame(rows, columns=["policy", "metric"] + INTERVAL_COLUMNS)

    @cached_property
    def differences(self):
        iv, rows = ffi.new("herd_interval *"), []
        for p, policy in enumerate(self.policies):
            for o, other in enumerate(self.policies):
                if o == p:
                    continue
                for m, metric in enumerate(self.metrics):
                    lib.herd_compare_difference(self._ptr, p, o, m, iv)
                    rows.append([policy, other, metric] + _interval_row(iv))
        return pd.DataFrame(rows, columns=["policy", "other", "metric"] + INTERVAL_COLUMNS)

    @cached_property
    def series(self):
        fields = [lib.herd_record_find(f.encode()) for f in RECORD_FIELDS[1:]]
        iv = ffi.new("herd_interval *")
        columns = {"policy": np.repeat(self.policies, self.ticks),
                   "tick": np.tile(np.arange(self.ticks), len(self.policies)),
                   "n": self.reps}
        for name, field in zip(RECORD_FIELDS[1:], fields):
            parts = np.empty((len(self.policies) * self.ticks, 3))
            for p in range(len(self.policies)):
                for t in range(self.ticks):
                    status = lib.herd_compare_series(self._ptr, p, t, field, iv)
                    if status != lib.HERD_OK:
                        raise HerdError(status, "the runs' records were not kept")
                    parts[p * self.ticks + t] = (iv.mean, iv.low, iv.high)
            for k, suffix in enumerate(("mean", "low", "high")):
                columns[f"{name}_{suffix}"] = parts[:, k]
        return pd.DataFrame(columns)

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
    """Runs every policy on scenario for reps replications (the scenario's own reps if
    None), as `herd compare` does: replication r runs every policy with the seed
    herd_seed_derive(scenario seed, r), so differences are paired. Returns a CompareResult.

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
                   progress=progress, what="herd compare", keep_records=keep_records)
    out = ffi.new("herd_compare **")
    e.run(lib.herd_compare_run, out, e.sc)
    owned = _Owned(out[0], e)
    return CompareResult(out[0], e.scenario, owned, e.settings.level)
