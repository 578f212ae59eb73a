"""Looks at the employees themselves: the library's arrays as numpy arrays, the employees'
state without a copy. The network of these teams, which are cliques (ties_within 1), is a copy
made once: the library keeps only their ties across teams and fills the whole network when
first asked for it. Prints how skill and engagement spread over teams after a year under a
servant leader."""

import numpy as np

import herd

sim = herd.Sim(herd.Params(n_teams=30, team_size=12), seed=3, policy="servant").run(52)
a = sim.agents
teams = a.skill.reshape(a.n_teams, a.team_size)
print(f"{a.n_agents} employees, {len(a.targets)} ties, state of tick {a.tick - 1}")
print(f"skill: mean {a.skill.mean():.3f}, team means from {teams.mean(1).min():.3f} "
      f"to {teams.mean(1).max():.3f}")
engaged = np.count_nonzero(a.engagement > 0.7)
print(f"engagement above 0.7: {engaged} employees ({engaged / a.n_agents:.0%})")
