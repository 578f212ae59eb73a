"""herd: agent-based simulation of organisations and leadership styles, over libherd.

herd.Params, herd.Sim, herd.Scenario and Python policies (herd.Policy, herd.Stance) reach
the same library functions as the C API and the herd program, and give the same numbers."""

from ._native import ffi, lib
from .errors import HerdError, ScenarioError
from .params import ParamInfo, Params
from .policy import Policy, Stance, builtins
from .scenario import Scenario
from .sim import AgentState, Sim, event_kinds

__version__ = ffi.string(lib.herd_version()).decode()

__all__ = ["AgentState", "HerdError", "ParamInfo", "Params", "Policy", "Scenario", "ScenarioError",
           "Sim", "Stance", "builtins", "event_kinds"]
