"""The figures of `herd compare`, drawn with matplotlib: the series of a comparison and the
regime map."""

import numpy as np

from .experiment import scenario_label

# ColorBrewer "Paired", as the herd program draws: a dark shade for lines, a light one for
# the map's cells, per policy.
DARK = ["#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928"]
LIGHT = ["#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99"]
PANELS = [("innovation_cum", "cumulative innovation", "innovations"),
          ("morale", "morale", "mean engagement")]


def _pyplot():
    import matplotlib.pyplot as plt
    return plt


def _finish(fig, path):
    if path is not None:
        fig.savefig(path)
    return fig


def plot_series(result, path=None):
    plt = _pyplot()
    series = result.series
    fig, axes = plt.subplots(len(PANELS), 1, figsize=(9, 7.2), sharex=True)
    pct = round(100 * result.level)
    fig.suptitle(f"{scenario_label(result.scenario)}: mean and {pct}% interval over "
                 f"{result.reps} replications")
    for ax, (field, title, ylabel) in zip(axes, PANELS):
        for i, policy in enumerate(result.policies):
            rows = series[series.policy == policy]
            colour = DARK[i % len(DARK)]
            ax.fill_between(rows.tick, rows[f"{field}_low"], rows[f"{field}_high"],
                            color=colour, alpha=0.2, linewidth=0)
            ax.plot(rows.tick, rows[f"{field}_mean"], color=colour, linewidth=2, label=policy)
        ax.set_title(title)
        ax.set_ylabel(ylabel)
        ax.grid(True)
        ax.set_xlim(0, max(result.ticks - 1, 1))
    axes[0].legend(loc="upper left")
    axes[-1].set_xlabel("tick (week)")
    return _finish(fig, path)


def _edges(values):
    half = (values[1] - values[0]) / 2 if len(values) > 1 else 0.5
    return np.append(values - half, values[-1] + half)


def plot_regime(regime, path=None):
    plt = _pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    cells = regime.cells
    (kx, xs), (ky, ys) = regime.axes
    n = len(regime.policies)
    index = cells.pivot(index="iy", columns="ix", values="winner_index").to_numpy()
    cmap = ListedColormap([LIGHT[p % len(LIGHT)] for p in range(n)])
    norm = BoundaryNorm(np.arange(-0.5, n), n)
    fig, ax = plt.subplots(figsize=(9, 7.2))
    mesh = ax.pcolormesh(_edges(np.asarray(xs)), _edges(np.asarray(ys)), index, cmap=cmap,
                         norm=norm)
    bar = fig.colorbar(mesh, ax=ax, ticks=range(n))
    bar.ax.set_yticklabels(regime.policies)
    columns = [kx, ky, "winner", "margin_pct", "margin_low"]
    for x, y, winner, pct_, low in cells[columns].itertuples(index=False, name=None):
        margin = f"{pct_:+.1f}%"
        label = f"{winner}\n{margin if low > 0 else '(' + margin + ')'}"
        ax.text(x, y, label, ha="center", va="center", fontsize=9)
    ax.set_xlabel(kx)
    ax.set_ylabel(ky)
    ax.set_title(f"Best policy by {regime.metric_label}\nlabel: margin over the runner-up, "
                 f"in parentheses when its {round(100 * regime.level)}% interval holds 0")
    return _finish(fig, path)
