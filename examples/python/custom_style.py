"""A leadership style written in Python: behind in calm weeks, the front in a crisis, with a
few weeks of support after each crisis. Compares it with the built-ins on one organisation
with recurring crises, every style meeting the same seeds.

Usage: custom_style.py [REPS]"""

import sys

import pandas as pd

import herd


class Steward(herd.Policy):
    name = "steward"
    calm = herd.Stance(direction=0.05, support=0.15, recognition=0.15, delegation=0.25,
                       collaboration=0.2, training=0.1, plan=0.1)
    storm = herd.Stance(direction=0.5, own_work=0.1, plan=0.3, support=0.1, front_mode=1)
    after = herd.Stance(support=0.35, recognition=0.25, collaboration=0.2, plan=0.2)

    def init_team(self, team, params):
        return {"since_crisis": 99}

    def decide(self, view, state):
        if view.crisis > 0.3:
            state["since_crisis"] = 0
            return self.storm
        state["since_crisis"] += 1
        return self.after if state["since_crisis"] <= 4 else self.calm


def main(reps):
    params = herd.Params(n_teams=40, crisis_rate=0.02)
    rows = []
    for policy in ["front", "behind", "hybrid", Steward()]:
        for rep in range(reps):
            sim = herd.Sim(params, seed=herd.lib.herd_seed_derive(7, rep), policy=policy)
            r = sim.run(104).record
            rows.append({"policy": herd.policy.policy_name(policy), "rep": rep,
                         "innovation": r["innovation_cum"], "morale": r["morale"]})
    table = pd.DataFrame(rows).groupby("policy")[["innovation", "morale"]].mean()
    print(table.sort_values("innovation", ascending=False).to_string(float_format="%.3f"))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
