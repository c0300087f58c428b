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
test -f "$root/share/chaingraph/chains/README.md" || { echo "chains not installed"; exit 1; }
LD_LIBRARY_PATH="$root/$libdir" CHAINGRAPH_CHAINS="$root/share/chaingraph/chains" "$T/example" 电机 "$CHAINGRAPH_SOURCE/tests/data/magnet.chain" | tee "$T/out"
grep -q "电机: 3 nodes lost" "$T/out"
echo "1 passed, 0 failed"
