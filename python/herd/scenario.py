"""herd.Scenario: scenario files (INI) and the runs they describe, as the herd program runs
them."""

import os

import numpy as np
import pandas as pd

from ._database import Database, commit_writer, open_writer
from ._frames import RECORD_FIELDS
from ._native import err_buffer, ffi, lib, text
from .errors import HerdError, ScenarioError
from .params import Params
from .policy import Policies, builtin_types
from .sim import Sim, settings


def _machine_memory():
    try:
        return float(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError):
        return float("inf")


def _value(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    return repr(v) if isinstance(v, float) else str(v)


class Scenario:
    """A scenario: parameters, the run (ticks, seed, reps, policy), per-team policies and
    events, as a file holds them (docs/SCENARIOS.md lists every section and key). Make one
    with Scenario.load(path), Scenario.parse(text) or Scenario.from_dict(...); refusals raise
    herd.ScenarioError with the file, line and key."""

    def __init__(self):
        out = ffi.new("herd_scenario **")
        status = lib.herd_scenario_new(out)
        if status != lib.HERD_OK:
            raise HerdError(status)
        self._ptr = ffi.gc(out[0], lib.herd_scenario_free)
        self._catalog = _Catalog(())
        self.name = "<scenario>"

    @classmethod
    def _made(cls, status, out, err, name, catalog):
        if status != lib.HERD_OK:
            raise ScenarioError(status, text(err))
        s = cls.__new__(cls)
        s._ptr = ffi.gc(out[0], lib.herd_scenario_free)
        s._catalog = catalog
        s.name = name
        return s

    @classmethod
    def load(cls, path, policies=(), plugins=()):
        """Reads a scenario file. policies: Python policies the file may name (by their
        name), besides the built-ins; plugins: paths of plug-ins (shared objects, as `herd
        --plugin` loads) whose policies it may name, and comparisons and sweeps of it too."""
        catalog = _Catalog(policies, plugins)
        out, err = ffi.new("herd_scenario **"), err_buffer()
        status = lib.herd_scenario_load_with(out, os.fsencode(path), catalog.ptr, err, len(err))
        return cls._made(status, out, err, os.fspath(path), catalog)

    @classmethod
    def parse(cls, text_, name="<text>", policies=(), plugins=()):
        """A scenario from INI text; name stands for the file in messages; policies and
        plugins as for load."""
        catalog = _Catalog(policies, plugins)
        data = text_.encode()
        out, err = ffi.new("herd_scenario **"), err_buffer()
        status = lib.herd_scenario_parse_with(out, data, len(data), name.encode(), catalog.ptr,
                                              err, len(err))
        return cls._made(status, out, err, name, catalog)

    @classmethod
    def from_dict(cls, sections, name="<dict>"):
        """A scenario from {"section": {"key": value}} (e.g. {"run": {"ticks": 52},
        "event.storm": {"kind": "crisis", "start": 10}}); a parameter or run key may also be
        given at the top level ({"n_teams": 20}). Each key is set as a file would set it."""
        s = cls()
        s.name = name
        for section, keys in sections.items():
            if isinstance(keys, dict):
                for key, value in keys.items():
                    s.set(f"{section}.{key}", value)
            else:
                s.set(section, keys)
        return s

    def set(self, key, value):
        """Sets one key as a file would: "key" for a parameter or run key, "section.key" in
        general. Returns the scenario."""
        err = err_buffer()
        status = lib.herd_scenario_set(self._ptr, key.encode(), _value(value).encode(), err,
                                       len(err))
        if status != lib.HERD_OK:
            raise ScenarioError(status, text(err), file=self.name, key=key)
        return self

    def validate(self):
        """Checks the whole scenario as `herd validate` does (parameters, events inside the
        run, team ranges, the memory one simulation needs); ScenarioError if it is refused."""
        err = err_buffer()
        status = lib.herd_scenario_validate(self._ptr, err, len(err))
        if status == lib.HERD_OK:
            status = lib.herd_scenario_check_memory(self._ptr, _machine_memory(), err, len(err))
        if status != lib.HERD_OK:
            detail = text(err)
            key = detail.split(":", 1)[0] if ":" in detail else None
            raise ScenarioError(status, detail, file=self.name, key=key)
        return self

    ticks = property(lambda self: self._ptr.ticks, doc="ticks a run lasts")
    seed = property(lambda self: self._ptr.seed, doc="the run's seed")
    reps = property(lambda self: self._ptr.reps, doc="replications")

    @property
    def params(self):
        """A copy of the scenario's parameters (change them with set)."""
        return Params._from_c(ffi.addressof(self._ptr, "params"))

    @property
    def policy(self):
        """The name of the policy every team not in a [policy.N] range runs."""
        return text(self._ptr.policy.name)

    def sim(self, seed=None, policy=None, *, threads=0, per_team=False):
        """A herd.Sim of the scenario with its policies and events, seeded with seed (the
        scenario's own if None); policy, if given, leads every team instead; per_team as for
        herd.Sim."""
        policies = Policies()
        override = ffi.NULL if policy is None else policies.resolve(policy)
        scenario = self._for_one_sim(policies)
        out = ffi.new("herd_sim **")
        seed = self.seed if seed is None else seed
        status = lib.herd_scenario_sim_new(out, scenario, seed, settings(threads), override)
        if status != lib.HERD_OK:
            raise HerdError(status, "herd_scenario_sim_new")
        policies._keep.append(scenario)
        sim = Sim.__new__(Sim)
        sim._adopt(out[0], policies, per_team)
        return sim

    def _for_one_sim(self, policies):
        """The scenario itself, or, if it names Python policies, a copy whose Python policies
        are fresh ones of this simulation (their per-team states are its own). The copy
        lives as long as the simulation, which may use its declared styles."""
        if not self._catalog.prototypes:
            return self._ptr
        out = ffi.new("herd_scenario **")
        status = lib.herd_scenario_copy(out, self._ptr)
        if status != lib.HERD_OK:
            raise HerdError(status, "herd_scenario_copy")
        copy = ffi.gc(out[0], lib.herd_scenario_free)
        fresh = {}

        def own(ptype):
            key = int(ffi.cast("uintptr_t", ptype))
            if key not in self._catalog.prototypes:
                return ptype
            if key not in fresh:
                fresh[key] = policies.resolve(self._catalog.prototypes[key])
            return fresh[key]
        copy.policy = own(copy.policy)
        for i in range(copy.n_team_policies):
            copy.team_policies[i].policy = own(copy.team_policies[i].policy)
        return copy

    def label(self, policy=None):
        """The policy name the CSV's policy column shows for a run with this override."""
        if policy is None:
            return text(lib.herd_scenario_policy_label(self._ptr, ffi.NULL))
        policies = Policies()
        label = lib.herd_scenario_policy_label(self._ptr, policies.resolve(policy))
        return text(label)  # while policies holds the type and its name

    def run(self, policy=None, reps=None, *, threads=0, out=None, per_team=False,
            team_out=None, sqlite=None, sqlite_teams=False):
        """Runs every replication as `herd run` does (replication r with the seed
        herd_seed_derive(seed, r)) and returns a DataFrame: policy, rep, seed, then every
        field of the record, one row per tick per replication. The seed is one uint64
        column, where the CSV files have two (seed_hi, seed_lo). out: a path to which the
        library's CSV writer also writes the file `herd run --out` would.

        per_team=True returns (records, teams), teams holding each team's records: rep,
        seed, then the columns of herd.Sim.team_records(). team_out: a path to which the
        library writes the file `herd run --per-team` would.

        sqlite: a path to which the library's SQLite writer writes the database `herd run
        --sqlite` would (records, summary, run; team_records too with sqlite_teams=True),
        which herd.read_sqlite reads back. Every file appears only when complete: a failure
        leaves none. Every path is checked before anything runs: a folder (and a device for
        sqlite) raises herd.InputError; a missing folder, which is not made, or any other path
        that cannot be written raises herd.HerdError naming it."""
        self.validate()
        reps = self.reps if reps is None else reps
        label = self.label(policy)
        frames, teams, writers = [], [], []
        try:
            if out is not None:
                writers.append(_RunCsv(out, label))
            if team_out is not None:
                writers.append(_TeamCsv(team_out))
            if sqlite is not None:
                writers.append(_RunDb(self, sqlite, label, sqlite_teams))
            for r in range(reps):
                seed = lib.herd_seed_derive(self.seed, r)
                with self.sim(seed, policy, threads=threads, per_team=per_team) as sim:
                    for w in writers:
                        w.attach(sim, r, seed)
                    sim.run(self.ticks)
                    for w in writers:
                        w.check()
                    frames.append(_tagged(sim.records, r, seed, label))
                    if per_team:
                        teams.append(_tagged(sim.team_records(), r, seed))
        except BaseException:
            for w in writers:
                w.abort()
            raise
        _commit_all(writers)
        columns = ["policy", "rep", "seed"] + list(RECORD_FIELDS)
        records = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
        if not per_team:
            return records
        columns = ["rep", "seed", "tick", "team", "policy", "size"] + list(RECORD_FIELDS[1:])
        return records, (pd.concat(teams, ignore_index=True) if teams
                         else pd.DataFrame(columns=columns))

    def __repr__(self):
        return (f"<herd.Scenario {self.name}: {self.ticks} ticks, seed {self.seed}, "
                f"{self.reps} reps, policy {self.label()}>")


def _commit_all(writers):
    """Commits every writer, the database first: finishing it is the commit likely to fail,
    and then no file is in place yet. A failure aborts the writers not yet committed."""
    pending = sorted(writers, key=lambda w: not isinstance(w, _RunDb))
    try:
        while pending:
            pending[0].commit()
            pending.pop(0)
    except BaseException:
        for w in pending:
            w.abort()
        raise


class _Catalog:
    """The built-ins, the plug-ins' policies and the Python policies a scenario may name. The
    Python types added are prototypes: each simulation gets fresh ones
    (Scenario._for_one_sim)."""

    def __init__(self, policies, plugins=()):
        self.ptr = ffi.NULL
        self.prototypes = {}
        policies = list(policies.values()) if isinstance(policies, dict) else list(policies)
        plugins = [plugins] if isinstance(plugins, (str, os.PathLike)) else list(plugins)
        if not policies and not plugins:
            return
        out = ffi.new("herd_catalog **")
        status = lib.herd_catalog_new(out)
        if status != lib.HERD_OK:
            raise HerdError(status, "herd_catalog_new")
        self.ptr = ffi.gc(out[0], lib.herd_catalog_free)
        self._types = Policies()
        err = err_buffer()
        for path in plugins:
            status = lib.herd_catalog_load_plugin(self.ptr, os.fsencode(path), err, len(err))
            if status != lib.HERD_OK:
                raise HerdError(status, text(err))
        for policy in policies:
            ptype = self._types.resolve(policy)
            status = lib.herd_catalog_add(self.ptr, ptype, err, len(err))
            if status != lib.HERD_OK:
                raise HerdError(status, text(err))
            self.prototypes[int(ffi.cast("uintptr_t", ptype))] = policy

    def types(self):
        """Every policy type of the catalogue, the built-ins first; the built-ins alone for
        a scenario without one."""
        if self.ptr == ffi.NULL:
            return builtin_types()
        return [lib.herd_catalog_get(self.ptr, i) for i in range(lib.herd_catalog_count(self.ptr))]


def _tagged(frame, rep, seed, label=None):
    """frame with the replication's columns first: policy (if label is given), rep, seed."""
    frame.insert(0, "seed", np.uint64(seed))
    frame.insert(0, "rep", rep)
    if label is not None:
        frame.insert(0, "policy", label)
    return frame


class _CsvFile:
    """One of the library's CSV writers into a file that appears only when complete: the
    sink (a herd_io_csv_sink or herd_io_team_sink) is written by the observer named."""

    def __init__(self, path, header, sink, observer):
        self._w = open_writer(path)
        self._sink = ffi.new(sink)
        self._sink.out = lib.herd_io_atomic_file(self._w)
        self._observer = observer
        status = header(self._sink.out)
        if status != lib.HERD_OK:
            self.abort()
            raise HerdError(status, f"writing {os.fspath(path)}")

    def attach(self, sim, rep, seed):
        self._sink.rep, self._sink.seed = rep, seed
        sim._check(lib.herd_sim_observe(sim._ptr, ffi.addressof(lib, self._observer),
                                        self._sink))

    def check(self):
        if self._sink.status != lib.HERD_OK:
            raise HerdError(self._sink.status, "writing the CSV failed")

    def abort(self):
        if self._w is not None:
            lib.herd_io_atomic_abort(self._w)
            self._w = None

    def commit(self):
        w, self._w = self._w, None
        commit_writer(w)


class _RunCsv(_CsvFile):
    """The rows `herd run --out` writes, with label in the policy column."""

    def __init__(self, path, label):
        super().__init__(path, lib.herd_io_csv_header, "herd_io_csv_sink *",
                         "herd_io_csv_observer")
        self._label = ffi.new("char[]", label.encode())
        self._sink.policy = self._label


class _TeamCsv(_CsvFile):
    """The rows `herd run --per-team` writes."""

    def __init__(self, path):
        super().__init__(path, lib.herd_io_team_csv_header, "herd_io_team_sink *",
                         "herd_io_team_csv_observer")

    def attach(self, sim, rep, seed):
        org = ffi.new("herd_org_view *")
        lib.herd_sim_org(sim._ptr, org)
        self._teams = ffi.new("herd_record[]", max(org.n_teams, 1))
        self._sink.sim, self._sink.teams, self._sink.n_teams = sim._ptr, self._teams, org.n_teams
        super().attach(sim, rep, seed)


class _RunDb:
    """The database `herd run --sqlite` writes, through the library's SQLite writer into the
    durable writer's temporary file: each tick's record by the library's observer (team rows
    too with teams), each replication's summary when it ends, and the run table."""

    def __init__(self, scenario, path, label, teams):
        scenario_text, length = ffi.new("char **"), ffi.new("size_t *")
        status = lib.herd_scenario_write_string(scenario._ptr, scenario_text, length)
        if status != lib.HERD_OK:
            raise HerdError(status, f"{os.fspath(path)}: the scenario's text")
        try:
            self._base = Database(path, seed=scenario.seed, scenario=scenario_text[0])
        finally:
            lib.pyherd_free(scenario_text[0])
        self._db, self._teams = self._base.ptr, teams
        self._label = ffi.new("char[]", label.encode())
        self._ticks = scenario.ticks
        self._records = ffi.new("herd_record[]", max(self._ticks, 1))
        self._sink = ffi.new("herd_sqlite_sink *", {
            "db": self._db, "policy": self._label, "records": self._records,
            "n_records": self._ticks})
        self._team_sink = ffi.new("herd_sqlite_team_sink *", {"db": self._db})

    def attach(self, sim, rep, seed):
        self._sim = sim
        self._sink.rep, self._sink.seed = rep, seed
        sim._check(lib.herd_sim_observe(sim._ptr, ffi.addressof(lib, "herd_sqlite_observer"),
                                        self._sink))
        if not self._teams:
            return
        org = ffi.new("herd_org_view *")
        lib.herd_sim_org(sim._ptr, org)
        self._team_rows = ffi.new("herd_record[]", max(org.n_teams, 1))
        t = self._team_sink
        t.sim, t.teams, t.n_teams, t.rep, t.seed = sim._ptr, self._team_rows, org.n_teams, rep, seed
        sim._check(lib.herd_sim_observe(sim._ptr,
                                        ffi.addressof(lib, "herd_sqlite_team_observer"), t))

    def check(self):
        """The observers' first failure, then the replication's summary."""
        self._base.check(self._sink.status)
        self._base.check(self._team_sink.status)
        org = ffi.new("herd_org_view *")
        lib.herd_sim_org(self._sim._ptr, org)
        summary = ffi.new("herd_summary *")
        status = lib.herd_metrics_summarise(self._records, self._ticks,
                                            float(org.n_teams * org.team_size), summary)
        if status != lib.HERD_OK:
            raise HerdError(status, "summarising a replication failed")
        self._base.check(lib.herd_sqlite_summary(self._db, self._label, self._sink.rep,
                                                 self._sink.seed, summary))

    def abort(self):
        self._base.abort()

    def commit(self):
        self._base.commit()
