"""What herd.compare, herd.regime_map and herd.sweep share: the scenario and its arms, the
settings, and one call into the library's experiment API, made without the GIL (cffi releases
it around every call), from which a Python policy's exception comes back as itself."""

import os

from ._native import err_buffer, ffi, lib, text
from .errors import raise_for
from .policy import Policies
from .progress import Watch, reporter
from .scenario import Scenario

OWN_MIX = "scenario"  # the arm that runs the scenario's own policies, as --policies names it


def scenario_of(scenario, policies=()):
    """A herd.Scenario as given, or loaded from a path with the Python policies among
    policies, so that the file may name them."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, (str, os.PathLike)):
        python = [p for p in (policies or ()) if p is not None and not isinstance(p, str)]
        return Scenario.load(scenario, policies=python)
    raise TypeError(f"{scenario!r} is not a herd.Scenario or the path of a scenario file")


def scenario_label(scenario):
    """The name outputs give a scenario: its file's name without .ini, as `herd compare`."""
    base = os.path.basename(scenario.name)
    return base[:-4] if base.endswith(".ini") and len(base) > 4 else base


class Experiment:
    """The arms of one experiment over scenario, resolved to the library's policy types.

    policies: a list whose items are a built-in's name, a style the scenario declares, a
    policy of its catalogue (a plug-in's, a Python policy it was loaded with), a Python
    policy (class or object), or None (or "scenario") for the scenario's own policies, its
    mix of team ranges included. None for the list: every policy of the catalogue, after the
    scenario's own mix if it mixes policies (what `herd compare` runs by default)."""

    def __init__(self, scenario, policies, *, reps, threads, level, progress, what,
                 keep_records, min_reps=1):
        self.scenario = scenario_of(scenario, policies)
        self.types = Policies()
        self.sc = self.scenario._for_one_sim(self.types)
        arms = self._default_arms() if policies is None else list(policies)
        if not arms:
            raise ValueError("policies: give at least one policy")
        self.arms = ffi.new("const herd_policy_type *[]", [self._arm(a) for a in arms])
        self.n_arms = len(arms)
        self._unique_names()
        s = ffi.new("herd_compare_settings *")
        lib.herd_compare_settings_default(s)
        # An interval needs min_reps runs: a scenario written for herd run's single run
        # still compares, with that many.
        s.reps = max(self.scenario.reps, min_reps) if reps is None else reps
        s.threads = threads
        if level is not None:
            s.level = level
        s.keep_records = 1 if keep_records else 0
        self.settings = s
        self.watch = Watch(reporter(progress, what), self.types)
        self.watch.attach(s)

    def _default_arms(self):
        mixed = text(lib.herd_scenario_policy_label(self.sc, ffi.NULL)) == "mixed"
        return ([None] if mixed else []) + self.scenario._catalog.types()

    def _arm(self, arm):
        if arm is None or (isinstance(arm, str) and arm == OWN_MIX):
            return ffi.NULL
        if isinstance(arm, ffi.CData):
            return self._fresh(arm)
        if isinstance(arm, str):
            found = lib.herd_scenario_find_policy(self.sc, arm.encode())
            if found == ffi.NULL:
                raise ValueError(f"unknown policy {arm!r} in {self.scenario.name}: the "
                                 "built-ins, the plug-ins' policies, the Python policies the "
                                 "scenario was loaded with and the styles it declares can be "
                                 "compared")
            return self._fresh(found)
        if isinstance(arm, type):
            arm = arm()
        return self.types.resolve(arm)

    def _fresh(self, ptype):
        """A Python policy of the scenario's catalogue becomes one of this experiment, so
        that its exceptions and per-team states are this experiment's."""
        prototype = self.scenario._catalog.prototypes.get(int(ffi.cast("uintptr_t", ptype)))
        return ptype if prototype is None else self.types.resolve(prototype)

    def _unique_names(self):
        err = err_buffer()
        status = lib.herd_compare_arms_check(self.sc, self.arms, self.n_arms, err, len(err))
        if status != lib.HERD_OK:
            raise ValueError(text(err))

    def run(self, function, *args):
        """function(*args, arms, n_arms, settings, err, err_size) with out first in args: a
        Python policy's exception, or one raised while reporting progress, is raised again;
        a refused input raises herd.InputError, any other failure herd.HerdError, with the
        library's message."""
        err = err_buffer()
        status = function(*args, self.arms, self.n_arms, self.settings, err, len(err))
        self.types.raise_error()
        self.watch.raise_error()
        if status != lib.HERD_OK:
            raise_for(status, text(err))



def factors(specs):
    """A herd_factor array of specs, each "KEY=LO:HI[:STEPS]" (herd_factor_parse) or a tuple
    (key, lo, hi[, steps])."""
    out = ffi.new("herd_factor[]", len(specs))
    err = err_buffer()
    for i, spec in enumerate(specs):
        f = out[i]
        if isinstance(spec, str):
            status = lib.herd_factor_parse(spec.encode(), out + i, err, len(err))
            if status != lib.HERD_OK:
                raise_for(status, text(err))
            continue
        key, lo, hi, *steps = spec
        key = key.encode()
        if len(key) >= lib.HERD_KEY_MAX:
            raise ValueError(f"{spec!r}: the key is too long")
        f.key, f.lo, f.hi = key, lo, hi
        f.steps = steps[0] if steps else 0
    return out
