"""herd.Sim: one simulation of the library, stepped or run from Python."""

import os

import numpy as np

from ._frames import record_dict, records_frame, team_frame, view_array
from ._native import err_buffer, ffi, lib, struct_fields, text
from .errors import HerdError
from .params import Params
from .policy import Policies

ORG_FIELDS = struct_fields("herd_org_view")


class AgentState:
    """The organisation's state after the last step: one read-only numpy array per field of
    herd_org_view, viewing the library's own arrays (nothing is copied). skill, engagement,
    initiative, bond, dependence and perspective hold one value per employee, teams being
    contiguous ranges of team_size; tenure too; offsets (n_agents + 1) and targets give the
    ties of employee i as targets[offsets[i]:offsets[i + 1]], its team mates first. When
    every team is a clique the library keeps only the ties across teams, and offsets and
    targets are read-only copies of the whole network (herd_sim_network), made once per
    simulation when first asked for. The next step writes the state into other arrays: take
    sim.agents again after stepping."""

    def __init__(self, sim):
        v = ffi.new("herd_org_view *")
        lib.herd_sim_org(sim._ptr, v)
        self.n_agents, self.n_teams, self.team_size = v.n_agents, v.n_teams, v.team_size
        self.tick = sim.tick
        for name in ORG_FIELDS:
            ptr = getattr(v, name)
            if isinstance(ptr, ffi.CData) and name not in ("offsets", "targets"):
                setattr(self, name, view_array(sim, ptr, v.n_agents))
        self._sim, self._network = sim, None
        if v.offsets != ffi.NULL:
            self._network = (view_array(sim, v.offsets, v.n_agents + 1),
                             view_array(sim, v.targets, int(v.offsets[v.n_agents])))

    @property
    def offsets(self):
        return (self._network or self._sim._whole_network())[0]

    @property
    def targets(self):
        return (self._network or self._sim._whole_network())[1]

    def __repr__(self):
        return f"<herd.AgentState of {self.n_agents} agents at tick {self.tick}>"


def _teams(teams):
    """(first, count) of a team range given as None, an int, a range, a slice or a pair."""
    if teams is None:
        return 0, 0
    if isinstance(teams, int):
        return teams, 1
    if isinstance(teams, (range, slice)):
        if teams.step not in (None, 1) or teams.start is None or teams.stop is None:
            raise ValueError(f"teams {teams!r}: give a contiguous range with a start and a stop")
        return teams.start, teams.stop - teams.start
    first, count = teams
    return first, count


def settings(threads=0):
    s = ffi.new("herd_settings *")
    lib.herd_settings_default(s)
    s.threads = threads
    return s


class Sim:
    """A simulation of the organisation params describes (herd.Params, or None for the
    defaults), seeded with seed, every team led by policy: a built-in's name ("behind",
    "front", ...), a Python policy (an object with decide(view) -> herd.Stance), or None to
    set policies later with set_policy. threads: 0 for OpenMP's default; results never
    depend on it.

    Each step's record is kept: sim.records is a DataFrame of them. per_team=True keeps
    each team's records too (sim.team_records()). The library runs without the GIL; only
    Python policies take it, to decide. An exception raised in a Python policy stops the
    run and is raised again by step or run."""

    def __init__(self, params=None, seed=0, policy="behind", *, threads=0, per_team=False):
        params = params if params is not None else Params()
        out, err = ffi.new("herd_sim **"), err_buffer()
        status = lib.herd_sim_new_err(out, params._c, seed, settings(threads), err, len(err))
        if status == lib.HERD_ERANGE:
            raise ValueError(text(err))
        if status != lib.HERD_OK:
            raise HerdError(status, text(err))
        self._adopt(out[0], Policies(), per_team)
        if policy is not None:
            self.set_policy(policy)

    def _adopt(self, ptr, policies, per_team=False):
        """Takes ownership of a herd_sim made elsewhere; policies keeps its types alive;
        per_team: keep each team's records from now on (the simulation not yet stepped)."""
        self._ptr = ptr
        self._policies = policies
        self._network = None
        self._records = ffi.new("pyherd_records *")
        self._teams = None
        self._check(lib.herd_sim_observe(ptr, ffi.addressof(lib, "pyherd_records_observe"),
                                         self._records))
        if per_team:
            teams = ffi.new("pyherd_team_records *")
            if lib.pyherd_team_records_init(teams, ptr) != 0:
                self.close()
                raise MemoryError("the per-team records")
            self._teams = teams
            self._check(lib.herd_sim_observe(
                ptr, ffi.addressof(lib, "pyherd_team_records_observe"), teams))

    def close(self):
        """Frees the simulation now (arrays from sim.agents must not be used after)."""
        ptr, self._ptr = getattr(self, "_ptr", None), None
        if ptr is not None:
            lib.herd_sim_free(ptr)
            lib.pyherd_records_release(self._records)
            if self._teams is not None:
                lib.pyherd_team_records_release(self._teams)
            self._policies = None

    __del__ = close

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _check(self, status):
        if status != lib.HERD_OK and self._policies is not None:
            self._policies.raise_error()
            detail = text(lib.herd_sim_errmsg(self._ptr)) if self._ptr is not None else ""
            if status == lib.HERD_ECALLBACK and self._kept_full():
                detail = detail or "out of memory keeping the records"
            raise HerdError(status, detail)
        return self

    def _whole_network(self):
        """(offsets, targets) of the whole network, filled by the library once: it does not
        change over a run."""
        if self._network is None:
            ties = ffi.new("uint64_t *")
            self._check(lib.herd_sim_network_ties(self._live, ties))
            n = lib.herd_sim_params(self._ptr).n_teams * lib.herd_sim_params(self._ptr).team_size
            offsets, targets = np.empty(n + 1, np.uint64), np.empty(ties[0], np.uint32)
            self._check(lib.herd_sim_network(self._ptr, ffi.from_buffer("uint64_t[]", offsets),
                                             len(offsets), ffi.from_buffer("uint32_t[]", targets),
                                             len(targets)))
            offsets.flags.writeable = targets.flags.writeable = False
            self._network = offsets, targets
        return self._network

    def _kept_full(self):
        teams = self._teams
        return self._records.n == self._records.cap or (
            teams is not None and teams.kept.cap - teams.kept.n < teams.n_teams)

    @property
    def _live(self):
        if self._ptr is None:
            raise ValueError("this herd.Sim is closed")
        return self._ptr

    def set_policy(self, policy, teams=None):
        """Sets the policy of every team, or of teams (an int, a range, a slice or a (first,
        count) pair). Before the first step only."""
        first, count = _teams(teams)
        ptype = self._policies.resolve(policy)
        if teams is None:
            self._check(lib.herd_sim_set_policy(self._live, ptype))
        else:
            self._check(lib.herd_sim_set_team_policy(self._live, first, count, ptype))
        return self

    def add_event(self, kind, start, length=1, intensity=1.0, teams=None):
        """Schedules an event: kind is "crisis", "absence", "novelty", "training" or "hiring"
        (the library's names), start its first tick, length in ticks, intensity in [0, 1],
        teams as for set_policy (None: every team)."""
        e = ffi.new("herd_event *")
        kind_c = ffi.new("herd_event_kind *")
        if lib.herd_event_kind_parse(str(kind).encode(), kind_c) != lib.HERD_OK:
            raise ValueError(f"unknown event kind {kind!r}; the kinds are "
                             + ", ".join(event_kinds()))
        e.kind = kind_c[0]
        e.start, e.length, e.intensity = start, length, intensity
        e.team_first, e.team_count = _teams(teams)
        return self._check(lib.herd_sim_add_event(self._live, e))

    def step(self):
        """One tick."""
        return self._check(lib.herd_sim_step(self._live))

    def run(self, ticks):
        """ticks more ticks; returns the simulation, so sim.run(52).records works."""
        if self._teams is not None and ticks > 0:
            # Room made at once rather than tick by tick; without it, the tick that finds
            # none fails as out of memory.
            lib.pyherd_records_reserve(ffi.addressof(self._teams, "kept"),
                                       ticks * self._teams.n_teams)
        return self._check(lib.herd_sim_run(self._live, ticks))

    @property
    def tick(self):
        """Ticks run so far: the next step runs tick number sim.tick."""
        return lib.herd_sim_tick(self._live)

    @property
    def seed(self):
        return lib.herd_sim_seed(self._live)

    @property
    def params(self):
        """A copy of the simulation's parameters."""
        return Params._from_c(lib.herd_sim_params(self._live))

    @property
    def record(self):
        """The last tick's record as a dict (tick -1: the initial state)."""
        return record_dict(lib.herd_sim_record(self._live))

    @property
    def records(self):
        """Every record since this object was made (or loaded), a DataFrame with one row per
        tick: tick, then one column per row of the library's record table
        (herd_record_info)."""
        self._live
        return records_frame(self._records.data, self._records.n)

    def team_records(self, last=False):
        """Each team's records as a DataFrame, one row per team per tick: tick, team, policy
        (its name), size (its employees), then one column per row of the record table, each
        team's measure as herd_sim_team_records gives it (include/herd/sim.h): summing the
        counts and outputs over teams, and averaging the employee means weighted by size,
        gives sim.records. Every tick since the simulation was made, for one made with
        per_team=True; last=True: the last tick's alone, from any simulation, but
        innovation_cum is NaN in a simulation that does not keep per-team records, as no
        team's cumulative innovation is known to it."""
        org = ffi.new("herd_org_view *")
        lib.herd_sim_org(self._live, org)
        names = [self.team_policy(t) for t in range(org.n_teams)]
        if self._teams is not None:
            n, first = self._teams.kept.n, 0
            if last:
                first = max(n - org.n_teams, 0)
            return team_frame(self._teams.kept.data + first, n - first, names, org.team_size)
        if not last:
            raise ValueError("this herd.Sim keeps no per-team records: make it with "
                             "per_team=True, or ask for team_records(last=True)")
        current = ffi.new("herd_record[]", max(org.n_teams, 1))
        self._check(lib.herd_sim_team_records(self._ptr, current, org.n_teams))
        frame = team_frame(current, org.n_teams, names, org.team_size)
        frame["innovation_cum"] = float("nan")
        return frame

    @property
    def agents(self):
        """The employees' state: see herd.AgentState."""
        self._live
        return AgentState(self)

    def team_policy(self, team):
        """The name of the policy team runs (None if not set)."""
        t = lib.herd_sim_team_policy(self._live, team)
        return None if t == ffi.NULL else text(t.name)

    def save(self, path, note=None):
        """Writes a checkpoint to path (atomically). note: optional bytes kept with it.
        A simulation with a Python policy is refused (HerdError HERD_EUNSUPPORTED): the
        policy's state lives in Python, where no checkpoint can reach it."""
        opt = ffi.new("herd_save_options *")
        keep = None
        if note is not None:
            keep = ffi.from_buffer(bytes(note))
            opt.note, opt.note_size = keep, len(keep)
        return self._check(lib.herd_sim_save_with(self._live, os.fsencode(path), opt))

    @classmethod
    def load(cls, path, *, threads=0, with_note=False):
        """A simulation from a checkpoint, continuing exactly as the saved one would have;
        with_note=True returns (sim, note bytes). It keeps no per-team records (a checkpoint
        holds no team's cumulative innovation): team_records(last=True) gives the rest."""
        err = err_buffer()
        note = ffi.new("char[]", lib.HERD_CHECKPOINT_NOTE_MAX)
        note_size = ffi.new("size_t *")
        opt = ffi.new("herd_load_options *")
        s = settings(threads)
        opt.settings, opt.err, opt.err_size = s, err, len(err)
        opt.note, opt.note_cap, opt.note_size = note, len(note), note_size
        out = ffi.new("herd_sim **")
        status = lib.herd_sim_load_with(out, os.fsencode(path), opt)
        if status != lib.HERD_OK:
            raise HerdError(status, text(err) or os.fspath(path))
        sim = cls.__new__(cls)
        sim._adopt(out[0], Policies())
        return (sim, ffi.unpack(note, min(note_size[0], len(note)))) if with_note else sim

    def __repr__(self):
        if getattr(self, "_ptr", None) is None:
            return "<herd.Sim (closed)>"
        return f"<herd.Sim at tick {self.tick}, seed {self.seed}>"


def event_kinds():
    """The names of the library's event kinds."""
    names, k = [], 0
    while True:
        name = text(lib.herd_event_kind_name(k))
        kind = ffi.new("herd_event_kind *")
        parsed = name and lib.herd_event_kind_parse(name.encode(), kind) == lib.HERD_OK
        if not parsed or kind[0] != k:
            return names
        names.append(name)
        k += 1
