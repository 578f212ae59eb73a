"""Writes the C source of the herd._herd_cffi extension module.

The declarations handed to cffi come from the installed headers themselves: include/herd/herd.h
is run through the C preprocessor (standard headers replaced by stubs that only name their
types), parsed with pycparser, and printed back, so a change to a header changes the binding
on the next build. Integer macros named HERD_* become cffi constants. Declarations that need
a type cffi cannot express (128-bit integers, GSL's own types) are left out, with every
declaration that depends on them.

Usage: gen_cffi.py OUTPUT.c --include DIR --binding DIR -- CC [CC ARGS...]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

import cffi
from pycparser import c_ast, c_generator, c_parser

# Types the stubs define so that pycparser can parse; cffi knows each of them by name.
STUB_TYPES = {
    "stddef.h": ["size_t", "ptrdiff_t", "wchar_t"],
    "stdint.h": ["int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
                 "uint32_t", "uint64_t", "intptr_t", "uintptr_t"],
    "stdio.h": ["FILE"],
    "stdlib.h": [],
    "string.h": [],
    "limits.h": [],
    "stdbool.h": [],
    "gsl/gsl_rng.h": ["gsl_rng_type", "gsl_rng"],
}
# Types with no cffi equivalent; declarations using them are dropped.
UNSUPPORTED = {"gsl_rng_type", "gsl_rng", "herd_u128"}


def write_stubs(folder):
    for header, types in STUB_TYPES.items():
        path = os.path.join(folder, header)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            if header == "stdbool.h":
                f.write("#define bool _Bool\n#define true 1\n#define false 0\n")
            for t in types:
                f.write(f"typedef int {t};\n")


def preprocess(cc, include, stubs, extra):
    cmd = cc + ["-E", "-nostdinc", "-I", stubs, "-I", include, "-D__attribute__(x)=",
                "-D__extension__=", "-D__int128=int", "-D__inline=", "-D__restrict="] + extra
    cmd.append(os.path.join(include, "herd", "herd.h"))
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


class Names(c_ast.NodeVisitor):
    def __init__(self):
        self.names = set()

    def visit_IdentifierType(self, node):
        self.names.update(node.names)

    def visit_Struct(self, node):
        if node.name:
            self.names.add(node.name)
        self.generic_visit(node)


def declared_names(node):
    names = {getattr(node, "name", None)}
    t = getattr(node, "type", None)
    while t is not None:
        if isinstance(t, (c_ast.Struct, c_ast.Union, c_ast.Enum)):
            names.add(t.name)
        t = getattr(t, "type", None)
    return names - {None}


def declarations(text, stubs):
    ast = c_parser.CParser().parse(text, filename="herd.h")
    gen = c_generator.CGenerator()
    dropped = set(UNSUPPORTED)
    out = []
    for node in ast.ext:
        if node.coord is not None and node.coord.file.startswith(stubs):
            continue
        seen = Names()
        seen.visit(node)
        if seen.names & dropped:
            dropped |= declared_names(node)
            continue
        out.append(gen.visit(node) + ";")
    return "\n".join(out)


INT_TOKEN = re.compile(r"(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$|HERD_\w+$|[()<>|&+\-*~]+$")


def integer_macros(cc, include, stubs, extra):
    cmd = cc + ["-E", "-dM", "-nostdinc", "-I", stubs, "-I", include] + extra
    cmd.append(os.path.join(include, "herd", "herd.h"))
    text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    found = {}
    for line in text.splitlines():
        m = re.match(r"#define (HERD_\w+) (.+)$", line)
        if m:
            found[m.group(1)] = m.group(2)
    ints = set()
    changed = True
    while changed:
        changed = False
        for name, value in found.items():
            tokens = re.findall(r"\w+|[^\w\s]+", value)
            ok = all(INT_TOKEN.match(t) and (not t.startswith("HERD_") or t in ints)
                     for t in tokens)
            if ok and name not in ints:
                ints.add(name)
                changed = True
    return "\n".join(f"#define {n} ..." for n in sorted(ints))


def drop_stub_dependencies(depfile, stubs):
    """The stubs are temporary: a depfile naming them would rebuild every time."""
    with open(depfile) as f:
        words = f.read().replace("\\\n", " ").split()
    kept = [w for w in words if not w.startswith(stubs)]
    with open(depfile, "w") as f:
        f.write(kept[0] + " " + " \\\n  ".join(kept[1:]) + "\n")


def binding_cdef(text):
    """binding.h without its preprocessor lines; pyherd_py_* are marked as written in Python."""
    lines = (l for l in text.splitlines() if not l.lstrip().startswith("#"))
    return "\n".join(re.sub(r"^(\w.*\bpyherd_py_\w+\()", r'extern "Python+C" \1', l)
                     for l in lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--include", required=True)
    ap.add_argument("--binding", required=True)
    ap.add_argument("--cdef-out")
    ap.add_argument("--depfile", help="where to write the headers read, for the build tool")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    a = ap.parse_args(argv[:split])
    cc = argv[split + 1:] or ["cc"]
    with tempfile.TemporaryDirectory() as stubs:
        write_stubs(stubs)
        deps = ["-MD", "-MT", a.output, "-MF", a.depfile] if a.depfile else []
        text = preprocess(cc, a.include, stubs, deps)
        cdef = declarations(text, stubs) + "\n" + integer_macros(cc, a.include, stubs, [])
    if a.depfile:
        drop_stub_dependencies(a.depfile, stubs)
    with open(os.path.join(a.binding, "binding.h")) as f:
        cdef += "\n" + binding_cdef(f.read())
    ffi = cffi.FFI()
    ffi.cdef(cdef)
    ffi.set_source("herd._herd_cffi", '#include "herd/herd.h"\n#include "binding.h"\n')
    ffi.emit_c_code(a.output)
    if a.cdef_out:
        with open(a.cdef_out, "w") as f:
            f.write(cdef)
    return 0


if __name__ == "__main__":
    sys.exit(main())
