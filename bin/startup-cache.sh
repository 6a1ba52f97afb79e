# Sourced by ./trace2train: the product's start-up cache. JDK 25+ gets an ahead-of-time cache (-XX:AOTCache: classes
# loaded and linked, JEP 483/514/515), JDK 21-24 a class-data archive (-XX:SharedArchiveFile), made by one training
# run over the shipped examples (io.trace2train.cli.StartupTraining: verify on IFEval and IFBench, a run, validate,
# exports), so every user gets the same start-up whichever command runs first.
#
# The cache fits one JDK and one set of jars. Beside it, a key file holds a digest of what it was made from (the JDK's
# folder and release file, each jar's name, size, time and inode) and the cache's own size and time. When the key
# does not match (a build, another JDK, a truncated or replaced cache file) the cache is not used: it is removed and a
# fresh one is made in the background, detached, output to a log; this command runs without one. A failed training
# leaves no cache and changes nothing else. TRACE2TRAIN_STARTUP_CACHE=off turns all of this off.
#
# After sourcing: t2t_startup_cache sets T2T_CACHE_OPTS (an array, maybe empty) to the JVM options for this start.

T2T_CACHE_DIR="$ROOT/engine/cli/target"
if [ "$T2T_JAVA_MAJOR" -ge 25 ]; then
  T2T_CACHE="$T2T_CACHE_DIR/trace2train.aot"
else
  T2T_CACHE="$T2T_CACHE_DIR/trace2train.jsa"
fi
T2T_CACHE_KEY="$T2T_CACHE.key"
T2T_CACHE_LOCK="$T2T_CACHE.lock"

t2t_cache_inputs() {  # a digest of what the cache depends on
  # Two processes, as this runs on every start: the JDK's folder and release file, and each jar's name, size, time
  # (to the nanosecond) and inode, which a build or a copy changes. (Hashing the jars' contents cost a busy machine
  # a few tenths of a second per start.)
  { echo "$JAVA_HOME"
    find "$JAVA_HOME/release" "$JAR" "$T2T_CACHE_DIR/lib" -type f \( -name release -o -name '*.jar' \) \
      -printf '%f %s %T@ %i\n' 2>/dev/null
  } | cksum | { read -r sum size; echo "$sum-$size"; }
}

t2t_cache_file_stamp() {  # the cache file's size and time, so a replaced or truncated file is noticed
  find "$1" -maxdepth 0 -printf '%s %T@' 2>/dev/null
}

t2t_make_startup_cache() {  # the training run; the cache and its key appear together, or not at all
  local inputs=$1 tmp="$T2T_CACHE.tmp.$$" scratch
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/trace2train-training.XXXXXX") || return 1
  local opts=(--enable-native-access=ALL-UNNAMED -Dtrace2train.tty.out=false -Dtrace2train.tty.err=false
              -Dtrace2train.home="$ROOT")
  [ "$T2T_JAVA_MAJOR" -ge 24 ] && opts+=(--sun-misc-unsafe-memory-access=allow)
  if [ "$T2T_JAVA_MAJOR" -ge 25 ]; then
    opts+=(-XX:AOTCacheOutput="$tmp")
  else
    opts+=(-XX:ArchiveClassesAtExit="$tmp")
  fi
  local ok=false
  if "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$JAR" io.trace2train.cli.StartupTraining "$ROOT/examples" "$scratch" \
      && [ -s "$tmp" ] && mv -f "$tmp" "$T2T_CACHE"; then
    # the inputs are read again: a build that replaced the jars meanwhile leaves a key that does not match
    if [ "$(t2t_cache_inputs)" = "$inputs" ]; then
      echo "$inputs $(t2t_cache_file_stamp "$T2T_CACHE")" > "$T2T_CACHE_KEY.tmp.$$" \
        && mv -f "$T2T_CACHE_KEY.tmp.$$" "$T2T_CACHE_KEY" && ok=true
    fi
  fi
  rm -rf "$scratch" "$tmp" "$tmp.config" "$T2T_CACHE_KEY.tmp.$$"
  [ "$ok" = true ] || rm -f "$T2T_CACHE" "$T2T_CACHE_KEY"
  [ "$ok" = true ]
}

t2t_startup_cache() {
  T2T_CACHE_OPTS=()
  [ "${TRACE2TRAIN_STARTUP_CACHE:-on}" = off ] && return 0
  local inputs
  inputs=$(t2t_cache_inputs)
  local key=""
  [ -f "$T2T_CACHE_KEY" ] && read -r key < "$T2T_CACHE_KEY"
  if [ -f "$T2T_CACHE" ] && [ -n "$key" ] && [ "$key" = "$inputs $(t2t_cache_file_stamp "$T2T_CACHE")" ]; then
    if [ "$T2T_JAVA_MAJOR" -ge 25 ]; then
      T2T_CACHE_OPTS=(-XX:AOTCache="$T2T_CACHE")
    else
      T2T_CACHE_OPTS=(-XX:SharedArchiveFile="$T2T_CACHE")
    fi
    return 0
  fi
  # the lock of a training run that was killed (its process is gone, or it is older than 15 minutes) is taken over
  if [ -d "$T2T_CACHE_LOCK" ]; then
    local pid
    pid=$(cat "$T2T_CACHE_LOCK/pid" 2>/dev/null || true)
    if { [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; } \
        || [ -n "$(find "$T2T_CACHE_LOCK" -maxdepth 0 -mmin +15 2>/dev/null)" ]; then
      rm -rf "$T2T_CACHE_LOCK"
    fi
  fi
  mkdir "$T2T_CACHE_LOCK" 2>/dev/null || return 0  # another start is making it
  rm -f "$T2T_CACHE" "$T2T_CACHE_KEY" "$T2T_CACHE".tmp.* "$T2T_CACHE_KEY".tmp.*  # with a killed run's leftovers
  # detached: this command neither waits for it nor gets its output; the lock goes when it ends
  ( trap 'rm -rf "$T2T_CACHE_LOCK"' EXIT
    t2t_make_startup_cache "$inputs" ) </dev/null >"$T2T_CACHE.log" 2>&1 &
  echo $! > "$T2T_CACHE_LOCK/pid"
  disown $! 2>/dev/null || true
}
