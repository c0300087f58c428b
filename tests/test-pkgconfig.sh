#!/bin/sh
# Install into a scratch prefix, then build the example against it with pkg-config only.
set -eu
BUILD=${CG_BUILD_ROOT:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
meson install -C "$BUILD" --destdir "$T" --quiet >/dev/null
prefix=$(meson introspect "$BUILD" --buildoptions | /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
libdir=$(meson introspect "$BUILD" --buildoptions | /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="libdir"][0])')
root="$T$prefix"
export PKG_CONFIG_PATH="$root/$libdir/pkgconfig"
# The .pc file names the real prefix; point it at the scratch copy (a --define-variable
# would also move glib's prefix).
sed -i "s|^prefix=.*|prefix=$root|" "$PKG_CONFIG_PATH/chaingraph.pc"
cflags=$(pkg-config --cflags chaingraph)
libs=$(pkg-config --libs chaingraph)
cc ${CG_SANITIZE:+-fsanitize=$CG_SANITIZE} -o "$T/example" "$CHAINGRAPH_SOURCE/examples/example-disrupt.c" $cflags $libs
# The version macros and markers as a caller compiles them: CG_CHECK_VERSION() at compile
# time, cg_version_*() at run time, and CG_AVAILABLE_IN_1_0 symbols unavailable to a caller
# that allows only versions before 1.0 (CG_VERSION_MAX_ALLOWED).
cat >"$T/version.c" <<'EOF'
#include <chaingraph/chaingraph.h>
#if !CG_CHECK_VERSION(0, 1, 0) || CG_CHECK_VERSION(CG_VERSION_MAJOR + 1, 0, 0)
#error "CG_CHECK_VERSION"
#endif
int main(void) { return cg_version_major() != CG_VERSION_MAJOR; }
EOF
cc -Werror=deprecated-declarations -c "$T/version.c" -o "$T/version.o" $cflags
cc -Werror=deprecated-declarations -DCG_VERSION_MAX_ALLOWED=CG_VERSION_1_0 -c "$T/version.c" \
  -o "$T/version.o" $cflags
if cc -Werror=deprecated-declarations -DCG_VERSION_MAX_ALLOWED='G_ENCODE_VERSION(0, 9)' \
  -c "$T/version.c" -o "$T/version.o" $cflags 2>"$T/version.err"; then
  echo "CG_AVAILABLE_IN_1_0 did not mark cg_version_major() unavailable before 1.0"; exit 1
fi
grep -q "Not available before 1.0" "$T/version.err"
test -f "$root/share/chaingraph/chains/README.md" || { echo "chains not installed"; exit 1; }
LD_LIBRARY_PATH="$root/$libdir" CHAINGRAPH_CHAINS="$root/share/chaingraph/chains" "$T/example" 电机 "$CHAINGRAPH_SOURCE/tests/data/magnet.chain" | tee "$T/out"
grep -q "电机: 3 nodes lost" "$T/out"
# The Python package as installed, finding the installed library by its soname.
init=$(find "$root" -path '*/chaingraph/__init__.py' | head -1)
test -n "$init" || { echo "the Python package is not installed"; exit 1; }
# (A sanitized library cannot be loaded into an unsanitized python3.)
if [ -z "${CG_SANITIZE:-}" ]; then
  env -u CHAINGRAPH_LIBRARY PYTHONPATH="$(dirname "$(dirname "$init")")" LD_LIBRARY_PATH="$root/$libdir" \
    CHAINGRAPH_CHAINS="$root/share/chaingraph/chains" /usr/bin/python3 -c '
import chaingraph, sys
assert chaingraph.__file__.startswith(sys.argv[1]), chaingraph.__file__
assert chaingraph.library_path() == "libchaingraph.so.0", chaingraph.library_path()
g = chaingraph.load()
assert len(g) > 500 and g.disrupt(nodes=["稀土开采"])["lost_applications"]
print("installed python package:", len(g), "nodes")' "$root" | tee -a "$T/out"
fi
echo "1 passed, 0 failed"
