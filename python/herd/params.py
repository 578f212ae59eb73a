"""herd.Params: the model's parameters, every one an attribute made from the library's table."""

from ._native import err_buffer, ffi, lib, text


class ParamInfo:
    """One row of the parameter table: name, kind ("int" or "real"), default, min, max (the
    hard limits), low, high (the plausible range), unit, doc."""

    __slots__ = ("name", "kind", "default", "min", "max", "low", "high", "unit", "doc", "_c")

    def __init__(self, c):
        self._c = c
        self.name = text(c.name)
        self.kind = "int" if c.kind == lib.HERD_PARAM_INT else "real"
        self.default, self.min, self.max = getattr(c, "def"), c.min, c.max
        self.low, self.high = c.low, c.high
        self.unit = text(c.unit)
        self.doc = text(c.doc)

    def __repr__(self):
        return (f"ParamInfo({self.name!r}, {self.kind}, default={self.default:g}, "
                f"range=[{self.min:g}, {self.max:g}], plausible=[{self.low:g}, {self.high:g}], "
                f"unit={self.unit!r})")


def _table():
    return tuple(ParamInfo(lib.herd_params_info(i)) for i in range(lib.herd_params_count()))


INFO = _table()
_BY_NAME = {p.name: p for p in INFO}


def _coerce(info, value):
    """value as a number the field may hold, or ValueError naming the field, the value and
    the range: the library's herd_params_check, which herd_params_validate applies too."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{info.name} = {value!r} is not a number") from None
    msg = err_buffer()
    if lib.herd_params_check(info._c, number, msg, len(msg)) != lib.HERD_OK:
        raise ValueError(text(msg))
    return number


def _property(info):
    def get(self):
        value = lib.herd_params_get(self._c, info._c)
        return int(value) if info.kind == "int" else value

    def set(self, value):
        lib.herd_params_set(self._c, info._c, _coerce(info, value))

    doc = (f"{info.doc}. Unit: {info.unit}; range [{info.min:g}, {info.max:g}]; "
           f"plausible [{info.low:g}, {info.high:g}]; default {info.default:g}.")
    return property(get, set, doc=doc)


class Params:
    """The model's parameters, with the library's defaults.

    Every parameter of the library's table is an attribute (see Params.info() for the
    table); setting one outside its range raises ValueError naming the field, the value and
    the range. Params(n_teams=20, crisis_rate=0.01) sets some at once."""

    __slots__ = ("_c",)

    def __init__(self, **values):
        self._c = ffi.new("herd_params *")
        lib.herd_params_default(self._c)
        for name, value in values.items():
            setattr(self, name, value)

    def __setattr__(self, name, value):
        if name != "_c" and name not in _BY_NAME:
            raise AttributeError(f"herd.Params has no parameter {name!r}")
        object.__setattr__(self, name, value)

    @staticmethod
    def info(name=None):
        """The table: every row, or the row named name."""
        if name is None:
            return INFO
        if name not in _BY_NAME:
            raise KeyError(f"no parameter {name!r}")
        return _BY_NAME[name]

    @classmethod
    def _from_c(cls, c_params):
        p = cls()
        p._c[0] = c_params[0]
        return p

    def validate(self):
        """Checks the fields against each other as the library does; ValueError if they
        disagree, with the library's message naming the field, its value and its range."""
        msg = err_buffer()
        if lib.herd_params_validate(self._c, msg, len(msg)) != lib.HERD_OK:
            raise ValueError(text(msg))
        return self

    def to_dict(self):
        return {p.name: getattr(self, p.name) for p in INFO}

    def copy(self):
        return Params._from_c(self._c)

    def __eq__(self, other):
        return isinstance(other, Params) and self.to_dict() == other.to_dict()

    def __repr__(self):
        changed = {k: v for k, v in self.to_dict().items() if v != _BY_NAME[k].default}
        inner = ", ".join(f"{k}={v!r}" for k, v in changed.items())
        return f"herd.Params({inner})"


for _info in INFO:
    setattr(Params, _info.name, _property(_info))
del _info
