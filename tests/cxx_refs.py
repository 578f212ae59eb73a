"""Prints a C++ program that includes herd/herd.h and takes the address of every function
the public headers declare with HERD_API. Linked against the library, it fails to link if a
declaration lacks extern "C" (C++ would look for a mangled name).
Usage: cxx_refs.py HEADER..."""
import re
import sys

names = []
for path in sys.argv[1:]:
    with open(path) as f:
        text = f.read()
    names += re.findall(r"HERD_API\b[^;(]*?\b(herd_\w+)\s*\(", text)
print("#include \"herd/herd.h\"\n")
print("typedef void (*herd_any_fn)();\nstatic const herd_any_fn functions[] = {")
for name in sorted(set(names)):
    print(f"    reinterpret_cast<herd_any_fn>(&{name}),")
print("};\n")
print("int main()\n{\n    for (herd_any_fn f : functions)\n        if (f == nullptr)\n"
      "            return 1;\n    return herd_strerror(HERD_OK) != nullptr ? 0 : 1;\n}")
