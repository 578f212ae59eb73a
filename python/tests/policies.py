"""Python policies the tests share."""

import herd


class Behind(herd.Policy):
    """behind's stance (lib/policies/behind.c), written again in Python."""
    name = "py-behind"
    stance = herd.Stance(direction=0.05, own_work=0, support=0.15, recognition=0.15,
                         delegation=0.25, collaboration=0.2, training=0.1, plan=0.1)

    def decide(self, view):
        return self.stance
