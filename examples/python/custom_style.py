"""A leadership style written in Python: behind in calm weeks, the front in a crisis, with a
few weeks of support after each crisis. Compares it with the built-ins on one organisation
with recurring crises, every style meeting the same seeds, then maps where it beats hybrid.

Usage: custom_style.py [REPS]   (default 3; at least 2, since an interval needs two)"""

import sys

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
    s = herd.Scenario.from_dict({"run": {"ticks": 104, "seed": 7}, "n_teams": 40,
                                 "crisis_rate": 0.02})
    r = herd.compare(s, ["front", "behind", "hybrid", Steward], reps=reps)
    means = r.summary.pivot(index="policy", columns="metric", values="mean")
    table = means[["innovation_total", "morale_mean"]]
    print(table.sort_values("innovation_total", ascending=False).to_string(float_format="%.3f"))
    m = herd.regime_map(s, x="crisis_rate=0:0.06:3", y="skill_mean=0.3:0.7:2",
                        policies=["hybrid", Steward], reps=reps)
    print(m.cells[["crisis_rate", "skill_mean", "winner", "margin_pct"]].to_string(index=False))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
