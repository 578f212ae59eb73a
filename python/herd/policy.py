"""Leader policies: the library's built-ins by name, and policies written in Python.

A Python policy is any object with decide(view) -> stance. view is the library's own
herd_team_view for one team at one tick (read its fields as attributes, e.g. view.skill,
view.crisis; it is valid only during the call). The stance is a herd.Stance or a mapping of
share names to values. An object that also has init_team(team, params) keeps per-team state:
init_team is called once for each team before its first decision and whatever it returns is
handed to decide(view, state) from then on.

Each use of a Python policy in a simulation or an experiment becomes a herd_policy_type of its
own, whose decide enters Python (taking the GIL) and whose name is the policy's name, so the
library treats it as it treats a built-in. Its per-team states are kept by the address of
each team's state block, so one type serves every run of an experiment."""

import reprlib
from collections.abc import Mapping

from ._native import ffi, lib, struct_fields, text
from .params import Params

STANCE_FIELDS = struct_fields("herd_stance")
SHARE_NAMES = ", ".join(STANCE_FIELDS)
_SHARES = frozenset(STANCE_FIELDS)
VIEW_FIELDS = struct_fields("herd_team_view")


class Stance:
    """How a leader spends one tick's attention: one attribute per field of herd_stance
    (direction, support, recognition, own_work, delegation, collaboration, training, plan,
    front_mode), every share 0 unless given."""

    __slots__ = ("_c",)

    def __init__(self, **shares):
        object.__setattr__(self, "_c", ffi.new("herd_stance *"))
        for name, value in shares.items():
            setattr(self, name, value)

    def __getattr__(self, name):
        if name in STANCE_FIELDS:
            return getattr(self._c, name)
        raise AttributeError(f"herd.Stance has no share {name!r}")

    def __setattr__(self, name, value):
        if name not in STANCE_FIELDS:
            raise AttributeError(f"herd.Stance has no share {name!r}; the shares are "
                                 f"{SHARE_NAMES}")
        setattr(self._c, name, value)

    def to_dict(self):
        return {f: getattr(self._c, f) for f in STANCE_FIELDS}

    def __eq__(self, other):
        return isinstance(other, Stance) and self.to_dict() == other.to_dict()

    def __repr__(self):
        return "herd.Stance(" + ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items()) + ")"


class Policy:
    """A convenient base for Python policies (any object with decide works as well).

    name is what the library and its outputs call the policy; it defaults to the class name
    in lower case. Override decide(view) -> Stance, and init_team(team, params) if each team
    needs state of its own (decide then receives it: decide(view, state))."""

    name = None
    description = "a policy written in Python"

    def decide(self, view):
        raise NotImplementedError("a herd policy defines decide(view) -> herd.Stance")


def builtin_types():
    """The library's built-in policy types, in its order."""
    found, table = [], lib.herd_policy_builtins()
    while table[len(found)] != ffi.NULL:
        found.append(table[len(found)])
    return found


def builtins():
    """The names of the library's built-in policies."""
    return [text(t.name) for t in builtin_types()]


def policy_name(policy):
    """The name a policy (a built-in's name, or a Python policy object) goes by."""
    if isinstance(policy, str):
        return policy
    name = getattr(policy, "name", None)
    return name if name else type(policy).__name__.lower()


def builtin(name):
    """The built-in named name, as the library's herd_policy_type; ValueError if none."""
    found = lib.herd_policy_find(name.encode())
    if found == ffi.NULL:
        raise ValueError(f"unknown policy {name!r}; the built-ins are " + ", ".join(builtins()))
    return found


class _Bound:
    """One Python policy serving one simulation or experiment: its C type and the states of
    its teams, keyed by the address of each team's state block in the library."""

    def __init__(self, policy):
        decide = getattr(policy, "decide", None)
        if not callable(decide):
            raise TypeError(f"{policy!r} is not a policy: it has no decide(view) method")
        self.policy = policy
        self.decide = decide
        self.init_team = getattr(policy, "init_team", None)
        self.states = {}
        self.error = None
        self.name = policy_name(policy)
        self._name = ffi.new("char[]", self.name.encode())
        desc = getattr(policy, "description", None) or "a policy written in Python"
        self._description = ffi.new("char[]", str(desc).encode())
        self.type = ffi.new("herd_policy_type *")
        self._data = ffi.new("pyherd_policy *")

    def make_type(self, handle):
        self._data.handle = handle
        self._data.per_team = self.init_team is not None
        t = self.type
        t.version = lib.HERD_POLICY_VERSION
        t.name = self._name
        t.description = self._description
        t.state_size = ffi.sizeof("void *")
        t.init = ffi.addressof(lib, "pyherd_policy_init")
        t.decide = ffi.addressof(lib, "pyherd_policy_decide")
        t.free = ffi.addressof(lib, "pyherd_policy_free")
        t.data = self._data
        return t

    def fail(self, exc):
        if self.error is None:
            self.error = exc
        return lib.HERD_EPOLICY


def _key(state):
    return int(ffi.cast("uintptr_t", state))


@ffi.def_extern()
def pyherd_py_init(handle, key, params, team):
    bound = ffi.from_handle(handle)
    if bound.error is not None:
        return lib.HERD_EPOLICY
    try:
        bound.states[_key(key)] = bound.init_team(team, Params._from_c(params))
        return lib.HERD_OK
    except BaseException as exc:  # noqa: B036 - re-raised in the caller, KeyboardInterrupt too
        return bound.fail(exc)


@ffi.def_extern()
def pyherd_py_decide(handle, key, view, stance):
    bound = ffi.from_handle(handle)
    if bound.error is not None:
        return lib.HERD_EPOLICY
    try:
        if key == ffi.NULL:
            chosen = bound.decide(view)
        else:
            chosen = bound.decide(view, bound.states[_key(key)])
        _fill(stance, chosen, bound.name)
        return lib.HERD_OK
    except BaseException as exc:  # noqa: B036 - re-raised in the caller, KeyboardInterrupt too
        return bound.fail(exc)


def _fill(stance, chosen, policy):
    """Writes into stance what decide of the policy named policy returned: a herd.Stance, or
    a mapping of share names to numbers. TypeError or ValueError naming the policy for
    anything else."""
    if isinstance(chosen, Stance):
        stance[0] = chosen._c[0]
        return
    if not isinstance(chosen, Mapping):
        raise TypeError(f"policy {policy!r}: decide returned {reprlib.repr(chosen)} ("
                        f"{type(chosen).__name__}), not a herd.Stance or a mapping of shares "
                        f"to numbers; the shares are {SHARE_NAMES}")
    for share, value in chosen.items():
        if share not in _SHARES:
            raise ValueError(f"policy {policy!r}: decide returned an unknown share "
                             f"{share!r}; the shares are {SHARE_NAMES}")
        try:
            setattr(stance, share, value)
        except (TypeError, OverflowError) as exc:
            raise TypeError(f"policy {policy!r}: decide returned {share} = "
                            f"{reprlib.repr(value)}: {exc}") from None


@ffi.def_extern()
def pyherd_py_release(handle, key):
    ffi.from_handle(handle).states.pop(_key(key), None)


class Policies:
    """The policy types a simulation or an experiment uses, kept alive as long as it is."""

    def __init__(self):
        self.bound = []
        self._keep = []

    def resolve(self, policy):
        """A herd_policy_type for a built-in's name, a library type, or a Python policy."""
        if isinstance(policy, str):
            return builtin(policy)
        if isinstance(policy, ffi.CData):
            return policy
        bound = _Bound(policy)
        handle = ffi.new_handle(bound)
        self._keep.append(handle)
        self.bound.append(bound)
        return bound.make_type(handle)

    @property
    def failed(self):
        return any(bound.error is not None for bound in self.bound)

    def raise_error(self):
        """Re-raises the first exception a Python policy raised, with its traceback."""
        for bound in self.bound:
            if bound.error is not None:
                error, bound.error = bound.error, None
                raise error
