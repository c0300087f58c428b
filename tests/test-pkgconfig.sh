#!/bin/sh
# Install into a scratch prefix, then build the example against it with pkg-config only;
# the compile line needs GLib and nothing else, and the installed tool runs without
# LD_LIBRARY_PATH (its rpath finds the installed library).
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
# Only GLib's flags besides our own include directory; no public header includes anything
# but GLib and chaingraph's own headers.
test "$(echo $cflags)" = "$(echo "-I$root/include" $(pkg-config --cflags glib-2.0))" || {
  echo "pkg-config --cflags chaingraph gives more than GLib's flags: $cflags"; exit 1; }
other=$(grep -h '^#include' "$root"/include/chaingraph/*.h | grep -v -e '<glib.h>' -e '<chaingraph/' || true)
test -z "$other" || { echo "a public header includes a non-GLib header: $other"; exit 1; }
test ! -e "$root/include/chaingraph/text.h" || { echo "text.h is installed"; exit 1; }
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
# The installed tool, with no LD_LIBRARY_PATH: its rpath must name the installed library
# (not the build tree's), and the library must export no private helper.
bin="$root/bin/chaingraph"
found=$(env -u LD_LIBRARY_PATH ldd "$bin" | awk '/libchaingraph/ { print $3 }')
test -n "$found" && test "$(readlink -f "$found")" = "$(readlink -f "$root/$libdir/libchaingraph.so.0")" || {
  echo "the installed chaingraph does not find the installed library: ${found:-not found}"; exit 1; }
env -u LD_LIBRARY_PATH CHAINGRAPH_CHAINS="$root/share/chaingraph/chains" "$bin" info >"$T/info"
grep -q 'nodes' "$T/info" || { echo "the installed chaingraph did not run"; cat "$T/info"; exit 1; }
echo "installed chaingraph: $(head -n 1 "$T/info")"
! nm -D --defined-only "$root/$libdir/libchaingraph.so" | grep -q ' cg_text_' || {
  echo "libchaingraph exports cg_text_*"; exit 1; }
# The Python package as installed, finding the library of its own prefix (no
# CHAINGRAPH_LIBRARY, no LD_LIBRARY_PATH).
init=$(find "$root" -path '*/chaingraph/__init__.py' | head -1)
test -n "$init" || { echo "the Python package is not installed"; exit 1; }
# (A sanitized library cannot be loaded into an unsanitized python3.)
if [ -z "${CG_SANITIZE:-}" ]; then
  env -u CHAINGRAPH_LIBRARY -u LD_LIBRARY_PATH PYTHONPATH="$(dirname "$(dirname "$init")")" \
    CHAINGRAPH_CHAINS="$root/share/chaingraph/chains" /usr/bin/python3 -c '
import chaingraph, sys
assert chaingraph.__file__.startswith(sys.argv[1]), chaingraph.__file__
assert chaingraph.library_path().startswith(sys.argv[1] + "/"), chaingraph.library_path()
g = chaingraph.load()
assert len(g) > 500 and g.disrupt(nodes=["稀土开采"])["lost_applications"]
print("installed python package:", len(g), "nodes")' "$root" | tee -a "$T/out"
fi
echo "1 passed, 0 failed"
