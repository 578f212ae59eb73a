"""herd: agent-based simulation of organisations and leadership styles, over libherd.

herd.Params, herd.Sim, herd.Scenario and Python policies (herd.Policy, herd.Stance) reach
the same library functions as the C API and the herd program, and give the same numbers;
herd.compare, herd.regime_map, herd.sweep and herd.sensitivity run the library's
experiments and return DataFrames; herd.read_csv reads the CSV files of the herd program,
herd.read_sqlite the tables of its SQLite databases, herd.read_sweep a sweep's folder."""

from ._native import ffi, lib
from .compare import CompareResult, compare
from ._frames import read_csv, read_sqlite
from .errors import HerdError, InputError, ScenarioError
from .params import ParamInfo, Params
from .policy import Policy, Stance, builtins
from .progress import TextBar
from .regime import RegimeMap, regime_map
from .scenario import Scenario
from .sim import AgentState, Sim, event_kinds
from .sweep import Sweep, SweepRuns, read_sweep, sensitivity, sweep

__version__ = ffi.string(lib.herd_version()).decode()

__all__ = ["AgentState", "CompareResult", "HerdError", "InputError", "ParamInfo", "Params",
           "Policy", "RegimeMap", "Scenario", "ScenarioError", "Sim", "Stance", "Sweep",
           "SweepRuns", "TextBar", "builtins", "compare", "event_kinds", "read_csv",
           "read_sqlite", "read_sweep", "regime_map", "sensitivity", "sweep"]
